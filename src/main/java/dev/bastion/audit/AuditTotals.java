package dev.bastion.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-minute and per-hour totals of {@code mcp_audit_totals} (see its migration, V90), which
 * the dashboard reads instead of the entries: what a batch of entries adds to them, and how a
 * batch's additions are stored. Only MCP requests count (console actions and settings changes do
 * not). Each entry counts in its minute and in its hour: the hours serve long periods (a week is
 * 168 of them), the minutes short ones.
 * <p>
 * Every writer adds to rows of its own chain only, and one thread writes a chain, so a row is never
 * updated by two transactions at once, also with several nodes on one database: no upsert race,
 * no lock waited for; readers sum the chains.
 */
final class AuditTotals {

    /** What a total counts: one row per slot (a minute or an hour), kind, item and chain. */
    enum Kind {
        /** Requests by outcome: all requests, the errors, the refusals at the door. */
        OUTCOME,
        /** {@code tools/call} requests by tool. */
        TOOL,
        /** Requests by duration class ({@link #DURATION_BOUNDS}), for percentiles. */
        DURATION,
        /** Requests by MCP session: the distinct items of a period are its sessions. */
        SESSION;

        /** The name stored in {@code kind}. */
        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The upper bounds (ms, included) of the duration classes; longer requests are in class
     * {@value #LONGER}. Roughly 1.5x apart, so a percentile read from them is within about a
     * fifth of the true one. The same classes as the migration's backfill.
     */
    static final long[] DURATION_BOUNDS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000,
            1500, 2000, 3000, 5000, 7500, 10000, 15000, 30000, 60000};
    static final String LONGER = "more";
    static final int ITEM_LENGTH = 255;

    /** The lengths of the slots totals are kept for, in minutes. */
    static final int MINUTE = 1;
    static final int HOUR = 60;

    /** One total: {@code kind} and {@code item} in the slot of {@code slotMinutes} starting at {@code start}. */
    record Key(Kind kind, int slotMinutes, LocalDateTime start, String item) {
    }

    private AuditTotals() {
    }

    /** Whether {@code entry} is an MCP request (or a request refused before any method was read). */
    static boolean counts(AuditRecord entry) {
        String method = entry.method();
        return method == null || !(method.startsWith("console/") || method.equals("settings/changed"));
    }

    /** The duration class of {@code millis}: the bound it is under, as stored. */
    static String durationClass(long millis) {
        for (long bound : DURATION_BOUNDS) {
            if (millis <= bound) {
                return Long.toString(bound);
            }
        }
        return LONGER;
    }

    /** What {@code batch} adds to the totals, in the order first met. */
    static Map<Key, Long> of(List<AuditRecord> batch) {
        Map<Key, Long> added = new LinkedHashMap<>();
        for (AuditRecord entry : batch) {
            if (!counts(entry)) {
                continue;
            }
            for (int slot : new int[] {MINUTE, HOUR}) {
                LocalDateTime start = entry.at().truncatedTo(slot == HOUR ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
                added.merge(new Key(Kind.OUTCOME, slot, start, entry.outcome()), 1L, Long::sum);
                added.merge(new Key(Kind.DURATION, slot, start, durationClass(entry.durationMs())), 1L, Long::sum);
                if ("tools/call".equals(entry.method()) && entry.target() != null) {
                    added.merge(new Key(Kind.TOOL, slot, start, cut(entry.target())), 1L, Long::sum);
                }
                if (entry.sessionId() != null) {
                    added.merge(new Key(Kind.SESSION, slot, start, cut(entry.sessionId())), 1L, Long::sum);
                }
            }
        }
        return added;
    }

    private static String cut(String item) {
        return item.length() <= ITEM_LENGTH ? item : item.substring(0, ITEM_LENGTH);
    }

    /**
     * Adds {@code added} to {@code chain}'s totals in {@code c}'s transaction: an update of each row,
     * and an insert of the rows the update did not find.
     */
    static void add(Connection c, String chain, Map<Key, Long> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, Long>> totals = List.copyOf(added.entrySet());
        int[] updated;
        try (PreparedStatement update = c.prepareStatement("update mcp_audit_totals set requests = requests + ? "
                + "where kind = ? and slot_minutes = ? and slot_at = ? and item = ? and chain = ?")) {
            for (Map.Entry<Key, Long> total : totals) {
                update.setLong(1, total.getValue());
                bindKey(update, 2, total.getKey(), chain);
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into mcp_audit_totals (kind, slot_minutes, slot_at, "
                + "item, chain, requests) values (?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < totals.size(); i++) {
                if (updated[i] == 0) {
                    bindKey(insert, 1, totals.get(i).getKey(), chain);
                    insert.setLong(6, totals.get(i).getValue());
                    insert.addBatch();
                    any = true;
                } else if (updated[i] < 0) {
                    throw new SQLException("The driver did not say whether a total was updated (" + updated[i] + ")");
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void bindKey(PreparedStatement statement, int first, Key key, String chain) throws SQLException {
        statement.setString(first, key.kind().column());
        statement.setInt(first + 1, key.slotMinutes());
        statement.setTimestamp(first + 2, Timestamp.valueOf(key.start()));
        statement.setString(first + 3, key.item());
        statement.setString(first + 4, chain);
    }

    /**
     * The {@code fraction} percentile (0.95: p95) of the durations counted by class in
     * {@code byClass} (class as stored, count), interpolated inside its class; null without requests.
     * Requests over the last bound count as that bound.
     */
    static Double percentile(Map<String, Long> byClass, double fraction) {
        long total = byClass.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double rank = fraction * total;
        long below = 0;
        long lower = 0;
        for (long bound : DURATION_BOUNDS) {
            long here = byClass.getOrDefault(Long.toString(bound), 0L);
            if (here > 0 && below + here >= rank) {
                return lower + (bound - lower) * ((rank - below) / here);
            }
            below += here;
            lower = bound;
        }
        return (double) lower;
    }
}
