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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The audit trail over time, for the dashboard: per time bucket, the MCP requests, how many did
 * not end {@code ok}, the 95th percentile of their duration and the sessions seen; over the whole
 * period, the requests by outcome and the most called tools. All of it is read from the per-minute
 * and per-hour totals the audit writer keeps ({@link AuditTotals}), never from the entries: a week
 * is 168 hours of totals whatever the traffic, where the entries are millions. The p95 is read from
 * duration classes, so it is an estimate (within about a fifth). It answers only callers the
 * engine lets read {@code mcp.audit.log} (MCP administrators), like any other read of the trail.
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

    /** A name and how many requests it had: an outcome, a tool. */
    public record Count(String name, long requests) {
    }

    /**
     * A period of the trail.
     *
     * @param timeline  its buckets, empty ones included, oldest first
     * @param outcomes  its requests by outcome, most first
     * @param tools     its most called tools, most first
     */
    public record Overview(List<Bucket> timeline, List<Count> outcomes, List<Count> tools) {
    }

    /**
     * The period from {@code from} (its minute included, or its hour when the buckets are whole
     * hours) to {@code to} (excluded) in buckets of {@code bucket} length (whole minutes), with its
     * {@code topTools} most called tools.
     *
     * @throws AccessDenied when {@code who} may not read the audit trail
     */
    public Overview overview(CallContext who, Instant from, Instant to, Duration bucket, int topTools) {
        if (!records.allowed(who, MODEL, Operation.READ)) {
            throw new AccessDenied("user '" + who.login() + "' may not read the audit trail (" + MODEL
                    + "): only MCP administrators may");
        }
        long seconds = Math.max(60, bucket.toSeconds() / 60 * 60);
        // Whole hours read the hourly totals: a week is 168 slots instead of 10,080.
        int slot = seconds % 3600 == 0 ? AuditTotals.HOUR : AuditTotals.MINUTE;
        long first = Math.floorDiv(from.getEpochSecond(), seconds);
        int count = (int) Math.max(1, Math.min(10_000, (to.getEpochSecond() - 1) / seconds - first + 1));
        long[] requests = new long[count];
        long[] failed = new long[count];
        List<Map<String, Long>> durations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            durations.add(new HashMap<>());
        }
        long[] sessions = new long[count];
        Map<String, Long> outcomes = new HashMap<>();
        List<Count> tools = new ArrayList<>();
        // Both databases read a timestamp without zone as UTC in extract(epoch), as the writer stores it;
        // the bucket length is a number from this class, never the caller's text.
        String bucketOf = "floor(extract(epoch from slot_at) / " + seconds + ")";
        String period = " from mcp_audit_totals where kind = ? and slot_minutes = " + slot
                + " and slot_at >= ? and slot_at < ?";
        LocalDateTime since = LocalDateTime.ofInstant(from, ZoneOffset.UTC)
                .truncatedTo(slot == AuditTotals.HOUR ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
        LocalDateTime until = LocalDateTime.ofInstant(to, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement byItem = c.prepareStatement("select " + bucketOf + ", item, sum(requests)" + period
                     + " group by " + bucketOf + ", item");
             PreparedStatement distinct = c.prepareStatement("select " + bucketOf + ", count(distinct item)" + period
                     + " group by " + bucketOf);
             PreparedStatement top = c.prepareStatement("select item, sum(requests)" + period
                     + " group by item order by sum(requests) desc, item")) {
            for (AuditTotals.Kind kind : List.of(AuditTotals.Kind.OUTCOME, AuditTotals.Kind.DURATION)) {
                try (ResultSet rows = select(byItem, kind, since, until)) {
                    while (rows.next()) {
                        int i = (int) (rows.getLong(1) - first);
                        String item = rows.getString(2);
                        long n = rows.getLong(3);
                        if (i < 0 || i >= count) {
                            continue;
                        }
                        if (kind == AuditTotals.Kind.DURATION) {
                            durations.get(i).merge(item, n, Long::sum);
                        } else {
                            requests[i] += n;
                            failed[i] += "ok".equals(item) ? 0 : n;
                            outcomes.merge(item, n, Long::sum);
                        }
                    }
                }
            }
            try (ResultSet rows = select(distinct, AuditTotals.Kind.SESSION, since, until)) {
                while (rows.next()) {
                    int i = (int) (rows.getLong(1) - first);
                    if (i >= 0 && i < count) {
                        sessions[i] = rows.getLong(2);
                    }
                }
            }
            top.setMaxRows(topTools);
            try (ResultSet rows = select(top, AuditTotals.Kind.TOOL, since, until)) {
                while (rows.next()) {
                    tools.add(new Count(rows.getString(1), rows.getLong(2)));
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
            timeline.add(new Bucket(Instant.ofEpochSecond((first + i) * seconds), requests[i], failed[i],
                    AuditTotals.percentile(durations.get(i), 0.95), sessions[i]));
        }
        List<Count> byOutcome = outcomes.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::requests).reversed().thenComparing(Count::name)).toList();
        return new Overview(timeline, byOutcome, tools);
    }

    private static ResultSet select(PreparedStatement statement, AuditTotals.Kind kind, LocalDateTime since,
                                    LocalDateTime until) throws SQLException {
        statement.setString(1, kind.column());
        statement.setObject(2, since);
        statement.setObject(3, until);
        return statement.executeQuery();
    }
}
