package dev.bastion.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's one data source. Its attributes are MicroProfile Config keys, so
 * ops switch between the embedded H2 file and PostgreSQL with settings only
 * ({@code BASTION_DATASOURCE_URL} and friends). The {@code ${MPCONFIG=...}} syntax is how
 * Payara resolves config keys in annotation attributes; other servers define a data source of
 * the same JNDI name in their own configuration (see {@code server-config/}).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/bastion",
        className = "${MPCONFIG=bastion.datasource.class}",
        url = "${MPCONFIG=bastion.datasource.url}",
        user = "${MPCONFIG=bastion.datasource.user}",
        password = "${MPCONFIG=bastion.datasource.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class DataSourceDefinitionHolder {
}
