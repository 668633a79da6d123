package dev.bastion.access.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address, and the addresses locked out because of them.
 * Memory is bounded: past {@code maxTracked} addresses, those not locked are forgotten first,
 * so spraying addresses cannot grow it without end (nor free a locked one).
 */
final class Lockouts {

    private record Entry(Instant windowStart, long failures, Instant lockedUntil) {
    }

    private final Clock clock;
    private final int maxTracked;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Lockouts(Clock clock, int maxTracked) {
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /** How long {@code address} is still locked out, or empty when it is not. */
    Optional<Duration> lockedFor(String address) {
        Entry e = entries.get(address);
        Instant now = clock.instant();
        if (e == null || e.lockedUntil() == null || !now.isBefore(e.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.lockedUntil()));
    }

    /**
     * Counts a failure; the {@code threshold}-th within {@code window} locks the address for
     * {@code period}. A threshold of 0 turns lockout off.
     */
    void failure(String address, long threshold, Duration window, Duration period) {
        if (threshold <= 0) {
            return;
        }
        Instant now = clock.instant();
        entries.compute(address, (key, e) -> {
            if (e == null || now.isAfter(e.windowStart().plus(window))
                    && (e.lockedUntil() == null || !now.isBefore(e.lockedUntil()))) {
                e = new Entry(now, 0, null);
            }
            long failures = e.failures() + 1;
            return failures >= threshold ? new Entry(now, 0, now.plus(period)) : new Entry(e.windowStart(), failures, e.lockedUntil());
        });
        if (entries.size() > maxTracked) {
            entries.values().removeIf(e -> e.lockedUntil() == null || !now.isBefore(e.lockedUntil()));
        }
    }

    /** A successful authentication clears the address's failures. */
    void success(String address) {
        entries.computeIfPresent(address, (key, e) -> e.lockedUntil() != null && clock.instant().isBefore(e.lockedUntil()) ? e : null);
    }

    int tracked() {
        return entries.size();
    }
}
