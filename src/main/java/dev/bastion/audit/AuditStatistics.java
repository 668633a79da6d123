package dev.bastion.audit;

import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.InternalFailure;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The audit trail over time, for the dashboard: per time bucket, the MCP requests, how many did
 * not end {@code ok}, the 95th percentile of their duration and the sessions seen. The data
 * engine's {@code read_group} cannot express this (no percentile, no bucket finer than a day), so
 * it is one read-only SQL query, grouped and aggregated by the database over the index on
 * {@code create_date}; counts by outcome or tool stay with {@code read_group}. It answers only
 * callers the engine lets read {@code mcp.audit.log} (MCP administrators), like any other read of
 * the trail.
 */
@ApplicationScoped
public class AuditStatistics {

    private static final Logger LOG = Logger.getLogger(AuditStatistics.class.getName());
    private static final String MODEL = "mcp.audit.log";

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Inject
    Records records;

    /**
     * One bucket of the timeline.
     *
     * @param start      the bucket's first instant
     * @param requests   MCP requests (console actions and settings changes left out)
     * @param failed     those whose outcome was not {@code ok}, refusals at the door included
     * @param p95Millis  95th percentile of their duration, null in a bucket without requests
     * @param sessions   distinct MCP sessions that made requests in the bucket
     */
    public record Bucket(Instant start, long requests, long failed, Double p95Millis, long sessions) {
    }

    /**
     * The buckets of {@code bucket} length from {@code from} (included) to {@code to} (excluded),
     * empty ones included, oldest first.
     *
     * @throws AccessDenied when {@code who} may not read the audit trail
     */
    public List<Bucket> timeline(CallContext who, Instant from, Instant to, Duration bucket) {
        if (!records.allowed(who, MODEL, Operation.READ)) {
            throw new AccessDenied("user '" + who.login() + "' may not read the audit trail (" + MODEL
                    + "): only MCP administrators may");
        }
        long seconds = Math.max(1, bucket.toSeconds());
        long first = Math.floorDiv(from.getEpochSecond(), seconds);
        int count = (int) Math.max(1, Math.min(10_000, (to.getEpochSecond() - 1) / seconds - first + 1));
        long[] requests = new long[count];
        long[] failed = new long[count];
        Double[] p95 = new Double[count];
        long[] sessions = new long[count];
        // Both databases read a timestamp without zone as UTC in extract(epoch), as the writer stores it;
        // the bucket length is a number from this class, never the caller's text.
        String slot = "floor(extract(epoch from create_date) / " + seconds + ")";
        String sql = "select " + slot + ", count(*), sum(case when outcome = 'ok' then 0 else 1 end), "
                + "percentile_cont(0.95) within group (order by duration_ms), count(distinct session_id) "
                + "from mcp_audit_log where create_date >= ? and create_date < ? "
                + "and method not like 'console/%' and method <> 'settings/changed' group by " + slot;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
            select.setObject(2, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int i = (int) (rows.getLong(1) - first);
                    if (i < 0 || i >= count) {
                        continue;
                    }
                    requests[i] = rows.getLong(2);
                    failed[i] = rows.getLong(3);
                    double p = rows.getDouble(4);
                    p95[i] = rows.wasNull() ? null : p;
                    sessions[i] = rows.getLong(5);
                }
            }
        } catch (SQLException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.WARNING, "The audit timeline could not be read, reference " + reference, e);
            throw new InternalFailure("The audit timeline could not be read (reference " + reference
                    + ", kept in the server log)", reference);
        }
        List<Bucket> timeline = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            timeline.add(new Bucket(Instant.ofEpochSecond((first + i) * seconds), requests[i], failed[i], p95[i],
                    sessions[i]));
        }
        return timeline;
    }
}
