package dev.bastion.platform.cluster;

import java.time.Instant;

/**
 * Counts per key in windows of a fixed length, each opened by the first count after the
 * previous one closed: the per-user rate limit, the per-address failed sign-ins. Counting is
 * atomic across nodes: two nodes counting one key at once both count.
 */
public interface WindowCounter {

    /** A key's count in its current window, and when that window closes. */
    record Count(long value, Instant windowEnds) {
    }

    /** Counts one for {@code key} and returns the count of its window, this one included. */
    Count increment(String key);

    /** Forgets {@code key}'s window: the next count opens a new one. */
    void reset(String key);
}
