package dev.bastion.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether the database answers, known without asking it on every request. A probe checks one
 * pooled connection every {@value #PROBE_SECONDS} s, and a request that lost its connection
 * reports it at once, so that while the database is away requests are refused immediately
 * instead of each waiting through the persistence provider's own reconnect attempts (EclipseLink
 * retries a failed read three times, five seconds apart), and threads do not pile up. The next
 * successful probe lets requests in again.
 */
@ApplicationScoped
public class DatabaseAvailability {

    private static final Logger LOG = Logger.getLogger(DatabaseAvailability.class.getName());
    static final int PROBE_SECONDS = 2;
    /** What a refused client is told while the database is away. */
    public static final String AWAY_MESSAGE = "Bastion's database is not reachable; retry in a few seconds";
    /** Seconds a refused client should wait: the pool reconnects within a few seconds of the database's return. */
    public static final int RETRY_AFTER_SECONDS = 5;

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean away;
    private volatile ScheduledFuture<?> probing;

    void startProbing(@Observes DatabaseReady ready) {
        probing = scheduler.scheduleWithFixedDelay(this::probe, PROBE_SECONDS, PROBE_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopProbing() {
        if (probing != null) {
            probing.cancel(false);
        }
    }

    /** Whether the database was away at the last probe or the last lost connection, whichever came later. */
    public boolean away() {
        return away;
    }

    /** A request lost its connection: refuse the next ones until a probe reaches the database again. */
    public void lost(Throwable failure) {
        lost(DatabaseFailures.reason(failure));
    }

    /** A request found the database away, for {@code reason}: refuse the next ones until a probe reaches it. */
    public void lost(String reason) {
        if (!away) {
            away = true;
            LOG.warning(() -> "Database not reachable: " + reason + "; requests get 503 until it answers again");
        }
    }

    /** Whether the database answers now (one pooled connection, validated). */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void probe() {
        boolean reachable = reachable();
        if (reachable && away) {
            LOG.info("Database reachable again; serving requests");
        } else if (!reachable && !away) {
            LOG.warning("Database not reachable (probe); requests get 503 until it answers again");
        }
        away = !reachable;
    }
}
