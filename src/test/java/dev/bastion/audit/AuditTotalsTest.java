package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.audit.AuditTotals.Key;
import dev.bastion.audit.AuditTotals.Kind;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a batch of entries adds to the dashboard's per-minute totals, and the p95 read back from them. */
class AuditTotalsTest {

    private static final LocalDateTime TEN = LocalDateTime.of(2026, 12, 1, 10, 0);

    private static AuditRecord entry(LocalDateTime at, String session, String method, String target, String outcome,
                                     long millis) {
        return new AuditRecord(at, 7L, "demo.manager", 3L, "bst_abcdefgh", session, "2025-11-25", "claude", "1.0", method,
                "1", target, null, null, "{}", outcome, null, 200, "10.0.0.1", "ua", millis, 10, null);
    }

    @Test
    void aBatchCountsItsMcpRequestsPerMinuteAndPerHourByOutcomeToolDurationClassAndSession() {
        Map<Key, Long> added = AuditTotals.of(List.of(
                entry(TEN.plusSeconds(1), "s1", "tools/call", "search", "ok", 12),
                entry(TEN.plusSeconds(59), "s1", "tools/call", "search", "tool_error", 15),
                entry(TEN.plusSeconds(60), "s2", "tools/list", null, "ok", 400),
                entry(TEN.plusSeconds(61), null, null, null, "unauthorized", 0),
                entry(TEN.plusSeconds(62), null, "console/create_user", null, "ok", 5),
                entry(TEN.plusSeconds(63), null, "settings/changed", "bastion.mcp.page-size", "ok", 0)));
        LocalDateTime eleven = TEN.plusMinutes(1);
        Map<Key, Long> minutes = Map.ofEntries(
                Map.entry(new Key(Kind.OUTCOME, 1, TEN, "ok"), 1L),
                Map.entry(new Key(Kind.OUTCOME, 1, TEN, "tool_error"), 1L),
                Map.entry(new Key(Kind.DURATION, 1, TEN, "15"), 2L),
                Map.entry(new Key(Kind.TOOL, 1, TEN, "search"), 2L),
                Map.entry(new Key(Kind.SESSION, 1, TEN, "s1"), 2L),
                Map.entry(new Key(Kind.OUTCOME, 1, eleven, "ok"), 1L),
                Map.entry(new Key(Kind.DURATION, 1, eleven, "500"), 1L),
                Map.entry(new Key(Kind.SESSION, 1, eleven, "s2"), 1L),
                Map.entry(new Key(Kind.OUTCOME, 1, eleven, "unauthorized"), 1L),
                Map.entry(new Key(Kind.DURATION, 1, eleven, "1"), 1L));
        Map<Key, Long> hour = Map.ofEntries(
                Map.entry(new Key(Kind.OUTCOME, 60, TEN, "ok"), 2L),
                Map.entry(new Key(Kind.OUTCOME, 60, TEN, "tool_error"), 1L),
                Map.entry(new Key(Kind.OUTCOME, 60, TEN, "unauthorized"), 1L),
                Map.entry(new Key(Kind.DURATION, 60, TEN, "15"), 2L),
                Map.entry(new Key(Kind.DURATION, 60, TEN, "500"), 1L),
                Map.entry(new Key(Kind.DURATION, 60, TEN, "1"), 1L),
                Map.entry(new Key(Kind.TOOL, 60, TEN, "search"), 2L),
                Map.entry(new Key(Kind.SESSION, 60, TEN, "s1"), 2L),
                Map.entry(new Key(Kind.SESSION, 60, TEN, "s2"), 1L));
        Map<Key, Long> expected = new HashMap<>(minutes);
        expected.putAll(hour);
        assertEquals(expected, added, "a refusal without a method counts; console actions and settings changes do not");
    }

    @Test
    void durationsOverTheLastBoundAreClassedTogether() {
        assertEquals("1", AuditTotals.durationClass(0));
        assertEquals("60000", AuditTotals.durationClass(60_000));
        assertEquals(AuditTotals.LONGER, AuditTotals.durationClass(60_001));
    }

    @Test
    void theP95ReadFromTheClassesIsWithinAFifthOfTheTrueOne() {
        assertNull(AuditTotals.percentile(Map.of(), 0.95), "no requests, no percentile");
        Random random = new Random(42);
        for (int run = 0; run < 20; run++) {
            long[] durations = new long[1000 + random.nextInt(5000)];
            Map<String, Long> classes = new HashMap<>();
            for (int i = 0; i < durations.length; i++) {
                durations[i] = (long) Math.exp(random.nextGaussian() * 1.5 + 3);
                classes.merge(AuditTotals.durationClass(durations[i]), 1L, Long::sum);
            }
            java.util.Arrays.sort(durations);
            double exact = durations[(int) Math.ceil(0.95 * durations.length) - 1];
            double estimate = AuditTotals.percentile(classes, 0.95);
            assertTrue(Math.abs(estimate - exact) <= Math.max(1, exact * 0.2), "p95 " + exact + ", estimated " + estimate);
        }
    }
}
