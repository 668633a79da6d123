package dev.bastion.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedGridTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final EmbeddedGrid grid = new EmbeddedGrid("one", clock, 1000);

    @Test
    void mapEntriesExpireWhenIdleAndTellTheirListeners() {
        SharedMap<String> sessions = grid.map("sessions", Duration.ofMinutes(30));
        List<String> removed = new ArrayList<>();
        sessions.onRemoval((key, cause) -> removed.add(key + ":" + cause));
        sessions.put("a", "alice");
        sessions.put("b", "bob");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(Optional.of("alice"), sessions.get("a"), "a read refreshes the idle time");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(Optional.of("alice"), sessions.get("a"));
        assertTrue(sessions.get("b").isEmpty(), "idle for 40 minutes: expired");
        assertTrue(sessions.remove("a"));
        assertFalse(sessions.remove("a"), "already gone");
        assertEquals(List.of("b:EXPIRED", "a:REMOVED"), removed);
        assertEquals(sessions, grid.map("sessions", Duration.ofMinutes(30)), "the same name and expiry: the same map");
    }

    @Test
    void aSweepExpiresWhatNobodyReads() {
        SharedMap<String> sessions = grid.map("sessions", Duration.ofSeconds(10));
        List<String> removed = new ArrayList<>();
        sessions.onRemoval((key, cause) -> removed.add(key + ":" + cause));
        sessions.put("idle", "x");
        clock.advance(Duration.ofSeconds(11));
        grid.sweep();
        assertEquals(List.of("idle:EXPIRED"), removed);
        assertEquals(0, grid.entries());
    }

    @Test
    void putIfAbsentAndUpdateAreAtomic() throws Exception {
        SharedMap<Long> totals = grid.map("totals", Duration.ZERO);
        assertTrue(totals.putIfAbsent("k", 0L));
        assertFalse(totals.putIfAbsent("k", 5L), "there is a value already");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8000; i++) {
            pool.execute(() -> totals.update("k", v -> v + 1));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(Optional.of(8000L), totals.get("k"), "no update lost");
        assertEquals(Optional.empty(), totals.update("k", v -> null), "null removes");
        assertEquals(Optional.of(1L), totals.update("fresh", v -> v == null ? 1L : v + 1), "absent: the change sees null");
    }

    @Test
    void countersCountInWindowsOpenedByTheirFirstCount() {
        WindowCounter requests = grid.counter("requests", Duration.ofMinutes(1));
        assertEquals(new WindowCounter.Count(1, clock.instant().plusSeconds(60)), requests.increment("alice"));
        clock.advance(Duration.ofSeconds(30));
        WindowCounter.Count second = requests.increment("alice");
        assertEquals(2, second.value());
        assertEquals(Instant.parse("2026-12-01T10:01:00Z"), second.windowEnds(), "the window is the first count's");
        assertEquals(1, requests.increment("bob").value(), "each key counts alone");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, requests.increment("alice").value(), "a new window");
        requests.reset("alice");
        assertEquals(1, requests.increment("alice").value(), "reset forgets the window");
    }

    @Test
    void sprayedCounterKeysCannotGrowMemory() {
        WindowCounter failures = grid.counter("failures", Duration.ofMinutes(5));
        for (int i = 0; i < 50_000; i++) {
            failures.increment("203.0." + (i / 256) + "." + (i % 256));
        }
        assertTrue(grid.entries() <= 1001, "entries: " + grid.entries());
    }

    @Test
    void aSingleNodeHasNoCluster() {
        assertFalse(grid.clustered());
        Topic<String> topic = grid.topic("changes");
        List<String> heard = new ArrayList<>();
        topic.subscribe(heard::add);
        assertTrue(topic.publish("hello", Duration.ofSeconds(1)), "nobody else to wait for");
        assertEquals(List.of(), heard, "the publishing node never hears its own message");
    }
}
