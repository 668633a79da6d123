package dev.bastion.audit;

import dev.bastion.platform.DatabaseReady;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Removes audit entries older than {@code bastion.audit.retention} (0: keep them for ever),
 * hourly, in batches of {@value #BATCH}, each its own transaction, and the dashboard's
 * totals of the same age. Only the oldest part of a
 * chain goes, up to its first entry that must stay, and the chain's anchor moves to the last
 * entry removed: verification then starts from the oldest remaining entry and still finds
 * every change to what remains.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());
    static final int BATCH = 1000;

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    SettingsService settings;

    void schedule(@Observes DatabaseReady ready) {
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, 5, 60, TimeUnit.MINUTES);
    }

    private void purgeQuietly() {
        try {
            long removed = purge(LocalDateTime.now(ZoneOffset.UTC));
            if (removed > 0) {
                LOG.info("Audit retention removed " + removed + " entries older than "
                        + settings.entry(SettingKey.AUDIT_RETENTION).text());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit retention failed; it runs again within the hour", e);
        }
    }

    /** Removes what the retention setting lets go as of {@code now} (UTC); returns how many entries. */
    public long purge(LocalDateTime now) {
        Duration retention = settings.getDuration(SettingKey.AUDIT_RETENTION);
        if (retention.isZero() || retention.isNegative()) {
            return 0;
        }
        Timestamp cutoff = Timestamp.valueOf(now.minus(retention));
        long removed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String chain : chains(c)) {
                removed += purge(c, chain, cutoff);
            }
            try (PreparedStatement totals = c.prepareStatement("delete from mcp_audit_totals where slot_at < ?")) {
                totals.setTimestamp(1, cutoff);
                totals.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit retention could not run: " + e.getMessage(), e);
        }
        return removed;
    }

    private static List<String> chains(Connection c) throws SQLException {
        List<String> chains = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select chain from mcp_audit_chain");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                chains.add(rows.getString(1));
            }
        }
        return chains;
    }

    /** Removes the chain's entries before its first one at or after {@code cutoff}. */
    private static long purge(Connection c, String chain, Timestamp cutoff) throws SQLException {
        long keepFrom;
        try (PreparedStatement first = c.prepareStatement(
                "select min(seq) from mcp_audit_log where chain = ? and create_date >= ?")) {
            first.setString(1, chain);
            first.setTimestamp(2, cutoff);
            try (ResultSet rows = first.executeQuery()) {
                rows.next();
                long seq = rows.getLong(1);
                keepFrom = rows.wasNull() ? Long.MAX_VALUE : seq;
            }
        }
        long removed = 0;
        c.setAutoCommit(false);
        try {
            while (true) {
                long lastSeq = -1;
                String lastHash = null;
                try (PreparedStatement batch = c.prepareStatement("select seq, hash from mcp_audit_log "
                        + "where chain = ? and seq < ? order by seq")) {
                    batch.setString(1, chain);
                    batch.setLong(2, keepFrom);
                    batch.setMaxRows(BATCH);
                    try (ResultSet rows = batch.executeQuery()) {
                        while (rows.next()) {
                            lastSeq = rows.getLong(1);
                            lastHash = rows.getString(2);
                        }
                    }
                }
                if (lastHash == null) {
                    c.commit();
                    return removed;
                }
                try (PreparedStatement delete = c.prepareStatement(
                        "delete from mcp_audit_log where chain = ? and seq <= ?");
                     PreparedStatement anchor = c.prepareStatement(
                             "update mcp_audit_chain set anchor_seq = ?, anchor_hash = ? where chain = ?")) {
                    delete.setString(1, chain);
                    delete.setLong(2, lastSeq);
                    removed += delete.executeUpdate();
                    anchor.setLong(1, lastSeq);
                    anchor.setString(2, lastHash);
                    anchor.setString(3, chain);
                    anchor.executeUpdate();
                }
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
