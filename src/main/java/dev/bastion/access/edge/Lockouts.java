package dev.bastion.access.edge;

import dev.bastion.platform.cluster.Grid;
import dev.bastion.platform.cluster.SharedMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed authentications per client address, and the addresses locked out because of them,
 * kept in the {@link Grid}: a lock earned on one node holds on every node. Failures count in
 * windows of the live lockout window; a lock is the instant it ends, in a map whose entries go
 * after {@link #LOCK_IDLE} without a look (a lock longer than that ends early if the address
 * stays away that long).
 */
final class Lockouts {

    static final Duration LOCK_IDLE = Duration.ofDays(1);

    private final Clock clock;
    private final Grid grid;
    private final SharedMap<Instant> locks;

    Lockouts(Clock clock, Grid grid) {
        this.clock = clock;
        this.grid = grid;
        this.locks = grid.map("lockouts", LOCK_IDLE);
    }

    /** How long {@code address} is still locked out, or empty when it is not. */
    Optional<Duration> lockedFor(String address) {
        Instant now = clock.instant();
        return locks.get(address).filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    /**
     * Counts a failure; the {@code threshold}-th within {@code window} locks the address for
     * {@code period}. A threshold of 0 turns lockout off.
     */
    void failure(String address, long threshold, Duration window, Duration period) {
        if (threshold <= 0) {
            return;
        }
        if (grid.counter("lockout-failures", window).increment(address).value() >= threshold) {
            locks.put(address, clock.instant().plus(period));
            grid.counter("lockout-failures", window).reset(address);
        }
    }

    /** A successful authentication clears the address's failures (not a lock). */
    void success(String address, Duration window) {
        grid.counter("lockout-failures", window).reset(address);
    }
}
