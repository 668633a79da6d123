/**
 * What the application stands on: the persistence unit, schema migrations at startup, readiness
 * and the startup banner.
 *
 * <p>The data source {@code java:app/jdbc/bastion} is defined in {@code WEB-INF/web.xml} from
 * MicroProfile Config ({@code bastion.datasource.*}); the embedded default is an H2 file under
 * {@code bastion.data.dir}. {@link dev.bastion.platform.ApplicationPersistence} starts the JPA
 * persistence unit on first use (no server deploys it, so the WAR deploys with the database
 * away) and produces the {@code EntityManager} every bean injects. Flyway migrates the schema from {@code db/migration/common} (SQL both
 * vendors accept) and {@code db/migration/<vendor>} (what only one vendor needs) when
 * the application starts, before any JPA use (plus {@code db/extension/<vendor>}, empty in the
 * shipped WAR, where test deployments and add-ons put the tables of their own models, versions
 * V900 and up), and then fires {@link dev.bastion.platform.DatabaseReady}:
 * every bean that needs the database at startup observes that event instead of the CDI
 * initialization event, so nothing touches a table before it exists. While the database cannot
 * be reached the migration is retried with backoff, and {@code platform.outage} answers 503.
 * {@link dev.bastion.platform.DatabaseFailures} is the one place that decides whether a failure
 * means "the database is away".
 *
 * <p>May import: JDBC, JPA, JTA, Flyway, MicroProfile Config and Health, Jakarta
 * Concurrency, Jakarta Connectors exceptions. Nothing else of Bastion.
 */
package dev.bastion.platform;
