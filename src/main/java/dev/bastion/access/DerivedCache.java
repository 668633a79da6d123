package dev.bastion.access;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Values derived from rows (a verified key, a user's context), kept until a committed change
 * of those rows clears them ({@link #clear()}, called from a {@code ChangesCommitted} observer
 * on the committing thread). A load that raced with a change is served but not kept, so a
 * cleared entry never comes back stale. {@code maxAge} bounds what a change made outside this
 * node's data engine (another node, plain SQL) can leave behind. Bounded in size: past
 * {@code maxEntries} it starts afresh.
 */
final class DerivedCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long maxAgeNanos;
    private final int maxEntries;

    DerivedCache(Duration maxAge, int maxEntries) {
        this.maxAgeNanos = maxAge.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The kept value of {@code key}, else what {@code loader} finds (kept unless empty or raced). */
    Optional<V> get(K key, Function<K, Optional<V>> loader) {
        long now = System.nanoTime();
        Entry<V> kept = entries.get(key);
        if (kept != null && now - kept.loadedAt() < maxAgeNanos) {
            return Optional.of(kept.value());
        }
        long readAt = generation.get();
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent() && generation.get() == readAt) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(loaded.get(), now));
        }
        return loaded;
    }

    /** Forgets everything; loads in flight are not kept. */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
