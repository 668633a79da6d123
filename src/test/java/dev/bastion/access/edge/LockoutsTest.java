package dev.bastion.access.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.platform.cluster.EmbeddedGrid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LockoutsTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration PERIOD = Duration.ofMinutes(15);

    @Test
    void theThresholdthFailureWithinTheWindowLocksForThePeriod() {
        ManualClock clock = new ManualClock();
        Lockouts lockouts = new Lockouts(clock, new EmbeddedGrid("one", clock, 100));
        lockouts.failure("198.51.100.7", 3, WINDOW, PERIOD);
        lockouts.failure("198.51.100.7", 3, WINDOW, PERIOD);
        assertTrue(lockouts.lockedFor("198.51.100.7").isEmpty(), "two failures are not enough");
        lockouts.failure("198.51.100.7", 3, WINDOW, PERIOD);
        assertEquals(PERIOD, lockouts.lockedFor("198.51.100.7").orElseThrow());
        assertTrue(lockouts.lockedFor("198.51.100.8").isEmpty(), "another address is not affected");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(5), lockouts.lockedFor("198.51.100.7").orElseThrow());
        lockouts.success("198.51.100.7", WINDOW);
        assertTrue(lockouts.lockedFor("198.51.100.7").isPresent(), "a success does not lift a lock");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(lockouts.lockedFor("198.51.100.7").isEmpty(), "released after the period");
    }

    @Test
    void failuresOutsideTheWindowAndAfterASuccessStartAgain() {
        ManualClock clock = new ManualClock();
        EmbeddedGrid grid = new EmbeddedGrid("one", clock, 100);
        Lockouts lockouts = new Lockouts(clock, grid);
        lockouts.failure("a", 3, WINDOW, PERIOD);
        lockouts.failure("a", 3, WINDOW, PERIOD);
        clock.advance(WINDOW.plusSeconds(1));
        lockouts.failure("a", 3, WINDOW, PERIOD);
        assertTrue(lockouts.lockedFor("a").isEmpty(), "the old failures fell out of the window");
        lockouts.failure("a", 3, WINDOW, PERIOD);
        lockouts.success("a", WINDOW);
        lockouts.failure("a", 3, WINDOW, PERIOD);
        assertTrue(lockouts.lockedFor("a").isEmpty(), "a success clears the count");
        lockouts.failure("b", 0, WINDOW, PERIOD);
        assertEquals(1, grid.entries(), "threshold 0 turns lockout off and tracks nothing");
    }

    @Test
    void sprayingAddressesCannotGrowMemoryNorFreeALockedOne() {
        ManualClock clock = new ManualClock();
        EmbeddedGrid grid = new EmbeddedGrid("one", clock, 1000);
        Lockouts lockouts = new Lockouts(clock, grid);
        lockouts.failure("locked", 1, WINDOW, PERIOD);
        for (int i = 0; i < 50_000; i++) {
            lockouts.failure("203.0." + (i / 256) + "." + (i % 256), 5, WINDOW, PERIOD);
        }
        assertTrue(grid.entries() <= 1001, "tracked: " + grid.entries());
        assertTrue(lockouts.lockedFor("locked").isPresent());
    }
}
