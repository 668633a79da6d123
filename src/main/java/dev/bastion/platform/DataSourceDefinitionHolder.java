package dev.bastion.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's one data source. Its attributes are MicroProfile Config keys, so
 * ops switch between the embedded H2 file and PostgreSQL with settings only
 * ({@code BASTION_DATASOURCE_URL} and friends). The {@code ${MPCONFIG=...}} syntax is how
 * Payara resolves config keys in annotation attributes; other servers define a data source of
 * the same JNDI name in their own configuration (see {@code server-config/}).
 *
 * <p>The pool checks a connection before handing it out and, when one is broken, drops them
 * all: after a database restart or a network cut every pooled connection is dead, and without
 * this the pool would keep serving them for ever. The check is {@code Connection.isValid}
 * (JDBC 4, any driver). These properties are Payara's names as plain strings, which other
 * servers ignore; they configure the same in their own data source (see
 * {@code server-config/README.md}).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/bastion",
        className = "${MPCONFIG=bastion.datasource.class}",
        url = "${MPCONFIG=bastion.datasource.url}",
        user = "${MPCONFIG=bastion.datasource.user}",
        password = "${MPCONFIG=bastion.datasource.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true",
                // A request waits at most this long for a free connection instead of 60 s.
                "fish.payara.max-wait-time-in-millis=10000"
        })
@ApplicationScoped
public class DataSourceDefinitionHolder {
}
