package dev.bastion.platform.cluster;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The grid of a single node: everything in this node's memory, nothing on the network; topics
 * deliver nothing, since there is no other node. Expiry is noticed when an entry is read, when
 * a structure grows past its bound, and at each {@link #sweep()}. Memory is bounded: a map or a
 * counter past {@code maxEntries} drops what expired; counters still past it start afresh (as
 * spraying keys must not grow memory without end), maps keep their live entries.
 */
public final class EmbeddedGrid implements Grid {

    private static final Logger LOG = Logger.getLogger(EmbeddedGrid.class.getName());
    private static final Topic<Serializable> NO_OTHER_NODE = new Topic<>() {
        @Override
        public boolean publish(Serializable message, Duration wait) {
            return true;
        }

        @Override
        public void subscribe(Consumer<Serializable> subscriber) {
        }
    };

    private final Clock clock;
    private final int maxEntries;
    private final String nodeName;
    private final Map<String, LocalMap<?>> maps = new ConcurrentHashMap<>();
    private final Map<String, LocalCounter> counters = new ConcurrentHashMap<>();

    public EmbeddedGrid(String nodeName) {
        this(nodeName, Clock.systemUTC(), 100_000);
    }

    public EmbeddedGrid(String nodeName, Clock clock, int maxEntries) {
        this.nodeName = nodeName;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name, Duration idle) {
        return (SharedMap<V>) maps.computeIfAbsent(name + "/" + idle.toMillis(), n -> new LocalMap<>(idle));
    }

    @Override
    public WindowCounter counter(String name, Duration window) {
        return counters.computeIfAbsent(name + "/" + window.toMillis(), n -> new LocalCounter(window));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> Topic<T> topic(String name) {
        return (Topic<T>) NO_OTHER_NODE;
    }

    /** Removes expired map entries (telling their listeners) and closed counter windows. */
    public void sweep() {
        Instant now = clock.instant();
        maps.values().forEach(m -> m.purge(now));
        counters.values().forEach(c -> c.purge(now));
    }

    /** How many entries and windows are kept, for the tests of the memory bound. */
    public int entries() {
        return maps.values().stream().mapToInt(m -> m.entries.size()).sum()
                + counters.values().stream().mapToInt(c -> c.windows.size()).sum();
    }

    private final class LocalMap<V extends Serializable> implements SharedMap<V> {

        private record Entry<V>(V value, Instant touched) {
        }

        private final Duration idle;
        private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
        private final List<RemovalListener> listeners = new CopyOnWriteArrayList<>();

        LocalMap(Duration idle) {
            this.idle = idle;
        }

        private boolean expired(Entry<V> e, Instant now) {
            return !idle.isZero() && !now.isBefore(e.touched().plus(idle));
        }

        @Override
        public Optional<V> get(String key) {
            Instant now = clock.instant();
            boolean[] expired = {false};
            Entry<V> e = entries.computeIfPresent(key, (k, old) -> {
                if (expired(old, now)) {
                    expired[0] = true;
                    return null;
                }
                return new Entry<>(old.value(), now);
            });
            if (expired[0]) {
                tell(key, Removal.EXPIRED);
            }
            return e == null ? Optional.empty() : Optional.of(e.value());
        }

        @Override
        public void put(String key, V value) {
            Instant now = clock.instant();
            entries.put(key, new Entry<>(value, now));
            bound(now);
        }

        @Override
        public boolean putIfAbsent(String key, V value) {
            Instant now = clock.instant();
            boolean[] put = {false};
            entries.compute(key, (k, old) -> {
                if (old != null && !expired(old, now)) {
                    return old;
                }
                put[0] = true;
                return new Entry<>(value, now);
            });
            bound(now);
            return put[0];
        }

        @Override
        public Optional<V> update(String key, UnaryOperator<V> change) {
            Instant now = clock.instant();
            Entry<V> e = entries.compute(key, (k, old) -> {
                V changed = change.apply(old == null || expired(old, now) ? null : old.value());
                return changed == null ? null : new Entry<>(changed, now);
            });
            bound(now);
            return e == null ? Optional.empty() : Optional.of(e.value());
        }

        @Override
        public Collection<V> values() {
            Instant now = clock.instant();
            return entries.values().stream().filter(e -> !expired(e, now)).map(Entry::value).toList();
        }

        @Override
        public boolean remove(String key) {
            Entry<V> removed = entries.remove(key);
            if (removed == null) {
                return false;
            }
            tell(key, expired(removed, clock.instant()) ? Removal.EXPIRED : Removal.REMOVED);
            return true;
        }

        @Override
        public void onRemoval(RemovalListener listener) {
            listeners.add(listener);
        }

        private void bound(Instant now) {
            if (entries.size() > maxEntries) {
                purge(now);
            }
        }

        void purge(Instant now) {
            entries.forEach((key, e) -> {
                if (expired(e, now) && entries.remove(key, e)) {
                    tell(key, Removal.EXPIRED);
                }
            });
        }

        private void tell(String key, Removal cause) {
            for (RemovalListener listener : listeners) {
                try {
                    listener.removed(key, cause);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A removal listener failed on " + key, e);
                }
            }
        }
    }

    private final class LocalCounter implements WindowCounter {

        private record Window(Instant start, long count) {
        }

        private final Duration window;
        private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

        LocalCounter(Duration window) {
            this.window = window;
        }

        @Override
        public Count increment(String key) {
            Instant now = clock.instant();
            Window w = windows.compute(key, (k, old) -> old == null || !now.isBefore(old.start().plus(window))
                    ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
            if (windows.size() > maxEntries) {
                purge(now);
                if (windows.size() > maxEntries) {
                    windows.clear();
                }
            }
            return new Count(w.count(), w.start().plus(window));
        }

        @Override
        public void reset(String key) {
            windows.remove(key);
        }

        void purge(Instant now) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
    }
}
