package dev.bastion.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Applies the Flyway migrations of the connected database's vendor when the application
 * starts, then announces {@link DatabaseReady}. A failed migration leaves the application
 * running but not ready, so {@code /health/ready} tells ops what is wrong instead of every
 * request failing in its own way.
 */
@ApplicationScoped
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Inject
    Event<DatabaseReady> ready;

    private volatile DatabaseReady state;
    private volatile String failure;

    void migrateAtStartup(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object start) {
        try {
            String vendor = vendorOf(dataSource);
            Flyway flyway = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    // SQL both vendors run as written, then what only one of them needs.
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor,
                            "classpath:db/extension/" + vendor)
                    // Extensions (test-only models, customer add-ons) may be deployed and later
                    // removed; their applied versions (V900 and up: newer than any of ours, so
                    // "future" to Flyway) must not block the next start.
                    .ignoreMigrationPatterns("*:missing", "*:future")
                    // Each package owns a range of versions (erp V10-V34, access V40-V49, mcp
                    // V60+): a later release may add a version below one already applied.
                    .outOfOrder(true)
                    .load();
            flyway.migrate();
            String version = Optional.ofNullable(flyway.info().current())
                    .map(MigrationInfo::getVersion).map(Object::toString).orElse("0");
            state = new DatabaseReady(vendor, version);
            LOG.info(() -> "Database schema of vendor " + vendor + " is at version " + version);
        } catch (RuntimeException | SQLException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "Database migration failed; Bastion stays not ready", e);
            return;
        }
        ready.fire(state);
    }

    /** The migration folder matching the database product behind the data source. */
    static String vendorOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return vendorFolder(connection.getMetaData().getDatabaseProductName());
        }
    }

    static String vendorFolder(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("Unsupported database: " + productName
                + " (Bastion supports H2 and PostgreSQL)");
    }

    /** The migrated state, empty until (and unless) migration succeeded. */
    public Optional<DatabaseReady> state() {
        return Optional.ofNullable(state);
    }

    /** Why migration failed, empty when it did not. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the database answers now. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
