package dev.bastion.access.edge;

import dev.bastion.platform.cluster.Grid;
import dev.bastion.platform.cluster.WindowCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests per user in one-minute windows, each opened by the user's first request after the
 * last one closed. Counted in the {@link Grid}: one node's memory (bounded there), or every
 * node's together in a cluster, so the limit is the installation's, not the node's.
 */
final class RequestCounter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final WindowCounter counts;

    RequestCounter(Clock clock, Grid grid) {
        this.clock = clock;
        this.counts = grid.counter("rate-limit", WINDOW);
    }

    /**
     * Counts a request of {@code user}; when it is over {@code perMinute}, how long until the
     * next window opens. 0 per minute means no limit.
     */
    Optional<Duration> acquire(String user, long perMinute) {
        if (perMinute <= 0) {
            return Optional.empty();
        }
        WindowCounter.Count count = counts.increment(user);
        return count.value() > perMinute ? Optional.of(Duration.between(clock.instant(), count.windowEnds()))
                : Optional.empty();
    }
}
