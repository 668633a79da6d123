package dev.bastion.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Applies the Flyway migrations of the connected database's vendor when the application
 * starts, then announces {@link DatabaseReady}. While the database cannot be reached (not
 * started yet, wrong name, lost mid-migration) Bastion stays deployed and not ready, logs one
 * line naming the setting to check and tries again with a growing pause (1 s doubling up to
 * 30 s), so it serves as soon as the database is there. A migration that fails for another
 * reason leaves it not ready for good: {@code /health/ready} says DOWN, the log says why.
 */
@ApplicationScoped
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "bastion.datasource.url")
    String url;

    @Inject
    Event<DatabaseReady> ready;

    private volatile DatabaseReady state;
    private volatile String failure;

    void migrateAtStartup(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object start) {
        attempt(FIRST_RETRY);
    }

    /** One try; on a database that cannot be reached, the next one after {@code pause}. */
    private void attempt(Duration pause) {
        String vendor;
        try {
            vendor = vendorOf(dataSource);
        } catch (SQLException | RuntimeException e) {
            retryLater(e, pause);
            return;
        }
        DatabaseReady migrated;
        try {
            migrated = migrate(vendor);
            // Everything that needs tables at startup runs now; only then is Bastion ready.
            exclusively(() -> ready.fire(migrated));
        } catch (RuntimeException e) {
            if (DatabaseFailures.lostConnection(e)) {
                retryLater(e, pause);
                return;
            }
            failure = DatabaseFailures.reason(e);
            LOG.log(Level.SEVERE, "Database migration failed; Bastion stays not ready", e);
            return;
        }
        failure = null;
        state = migrated;
    }

    private DatabaseReady migrate(String vendor) {
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
        LOG.info(() -> "Database schema of vendor " + vendor + " is at version " + version);
        return new DatabaseReady(vendor, version);
    }

    /**
     * Runs {@code work} holding the row of {@code bastion_startup_lock} on a connection of its
     * own: nodes started together on one database do their startup work one after the other (the
     * second finds the administrator, the built-in tools... the first created), never twice.
     * The work's own transactions never touch that row.
     */
    private void exclusively(Runnable work) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("select id from bastion_startup_lock where id = 1 for update")) {
                select.executeQuery().close();
                work.run();
            } finally {
                lock.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The startup lock could not be taken: " + e.getMessage(), e);
        }
    }

    private void retryLater(Exception e, Duration pause) {
        failure = DatabaseFailures.reason(e);
        LOG.warning(() -> settingToCheck(e) + ": " + failure + " (" + withoutParameters(url)
                + "); Bastion stays not ready and tries again in " + pause.toSeconds() + " s");
        LOG.log(Level.FINE, "Database not reachable", e);
        Duration next = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
        scheduler.schedule(() -> attempt(next), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The setting an operator should look at first: the credentials when they were refused, else the URL. */
    private static String settingToCheck(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return "BASTION_DATASOURCE_USER / BASTION_DATASOURCE_PASSWORD";
            }
        }
        return "BASTION_DATASOURCE_URL";
    }

    /** The URL without its parameters, which may hold a password. */
    static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
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

    /** The migrated state, empty until the schema is migrated and the startup work is done. */
    public Optional<DatabaseReady> state() {
        return Optional.ofNullable(state);
    }

    /** Why the database is not ready yet, empty when it is. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
