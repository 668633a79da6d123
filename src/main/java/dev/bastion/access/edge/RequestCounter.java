package dev.bastion.access.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per user in fixed one-minute windows. Memory is bounded: past {@code maxTracked}
 * users, those whose window is over are forgotten.
 */
final class RequestCounter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, long count) {
    }

    private final Clock clock;
    private final int maxTracked;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RequestCounter(Clock clock, int maxTracked) {
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /**
     * Counts a request of {@code user}; when it is over {@code perMinute}, how long until the
     * next window opens. 0 per minute means no limit.
     */
    Optional<Duration> acquire(String user, long perMinute) {
        if (perMinute <= 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Window w = windows.compute(user, (key, old) -> old == null || !now.isBefore(old.start().plus(WINDOW))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (windows.size() > maxTracked) {
            windows.values().removeIf(old -> !now.isBefore(old.start().plus(WINDOW)));
        }
        return w.count() > perMinute ? Optional.of(Duration.between(now, w.start().plus(WINDOW))) : Optional.empty();
    }

    int tracked() {
        return windows.size();
    }
}
