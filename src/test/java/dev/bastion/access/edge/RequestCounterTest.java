package dev.bastion.access.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.platform.cluster.EmbeddedGrid;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestCounterTest {

    @Test
    void overTheLimitWaitsForTheNextWindow() {
        LockoutsTest.ManualClock clock = new LockoutsTest.ManualClock();
        RequestCounter counter = new RequestCounter(clock, new EmbeddedGrid("one", clock, 100));
        for (int i = 0; i < 3; i++) {
            assertTrue(counter.acquire("alice", 3).isEmpty());
        }
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Duration.ofSeconds(40), counter.acquire("alice", 3).orElseThrow());
        assertTrue(counter.acquire("bob", 3).isEmpty(), "each user has their own budget");
        clock.advance(Duration.ofSeconds(40));
        assertTrue(counter.acquire("alice", 3).isEmpty(), "a new minute, a new budget");
        assertTrue(counter.acquire("carol", 0).isEmpty(), "0 means no limit");
    }

    @Test
    void memoryStaysBounded() {
        LockoutsTest.ManualClock clock = new LockoutsTest.ManualClock();
        EmbeddedGrid grid = new EmbeddedGrid("one", clock, 1000);
        RequestCounter counter = new RequestCounter(clock, grid);
        for (int i = 0; i < 5000; i++) {
            counter.acquire("user" + i, 10);
            if (i % 1000 == 999) {
                clock.advance(Duration.ofMinutes(2));
            }
        }
        assertTrue(grid.entries() <= 1001, "tracked: " + grid.entries());
    }
}
