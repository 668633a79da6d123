package dev.bastion.platform.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The {@link Grid} on the server's data grid, through JCache (JSR 107) only: on Payara its
 * Hazelcast, whose caches are partitioned over the members with a backup each, and whose entry
 * listeners hear the events of every member.
 *
 * <p>Every structure is a cache of strings: values are Java-serialised and Base64-encoded here,
 * read back with this application's class loader and an allow-list ({@code java.base} and
 * {@code dev.bastion}), so the grid never needs the application's classes and never compares
 * objects it cannot load. Atomic updates are compare-and-set loops on those strings
 * ({@link Cache#replace(Object, Object, Object)}). Expiry uses JCache's own policies (whose
 * classes every member has): maps {@link TouchedExpiryPolicy}, counters {@link ModifiedExpiryPolicy}
 * of their window (the window itself is in the value).
 *
 * <p>A topic is a cache of messages (kept a minute) that every node listens to; the receiver
 * runs the subscribers on a managed thread (the listener's thread is the grid's, without the
 * application's context), then writes an acknowledgement, which the publisher waits for. Who to
 * wait for is in the topic's roster: each subscribed node keeps its entry fresh every
 * {@link #ROSTER_REFRESH}; an entry older than {@link #ROSTER_STALE} (a node killed) no longer counts.
 */
final class JCacheGrid implements Grid, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JCacheGrid.class.getName());
    private static final String PREFIX = "bastion.";
    static final Duration ROSTER_REFRESH = Duration.ofSeconds(5);
    static final Duration ROSTER_STALE = Duration.ofSeconds(20);
    private static final Duration MESSAGE_LIFETIME = Duration.ofMinutes(1);
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "java.base/*;dev.bastion.**;!*");

    private final CacheManager manager;
    private final String nodeName;
    /** This run of this node: the origin of its messages and its roster entry, unique even if two nodes share a name. */
    private final String member;
    private final Executor executor;
    private final Map<String, Object> structures = new ConcurrentHashMap<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    JCacheGrid(CacheManager manager, String nodeName, Executor executor) {
        this.manager = manager;
        this.nodeName = nodeName;
        this.member = nodeName.replace('#', '_').replace('@', '_').replace('=', '_') + "/"
                + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
        this.executor = executor;
    }

    /** Writes, reads and removes an entry, so a grid that is bound but not working is found at startup. */
    void check() {
        Cache<String, String> probe = cache("grid.check", EternalExpiryPolicy.factoryOf());
        String key = member + "@" + Instant.now();
        probe.put(key, "ok");
        if (!"ok".equals(probe.get(key))) {
            throw new IllegalStateException("the data grid did not give back what was put in it");
        }
        probe.remove(key);
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public String toString() {
        return "the data grid of JCache " + manager.getCachingProvider().getClass().getName() + " (" + manager.getURI() + ")";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name, Duration idle) {
        return (SharedMap<V>) structures.computeIfAbsent("map." + name + "." + idle.toMillis(),
                n -> new GridMap<V>(cache(n, idle.isZero() ? EternalExpiryPolicy.factoryOf()
                        : TouchedExpiryPolicy.factoryOf(jcache(idle)))));
    }

    @Override
    public WindowCounter counter(String name, Duration window) {
        return (WindowCounter) structures.computeIfAbsent("counter." + name + "." + window.toMillis(),
                n -> new GridCounter(cache(n, ModifiedExpiryPolicy.factoryOf(jcache(window))), window));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> Topic<T> topic(String name) {
        return (Topic<T>) structures.computeIfAbsent("topic." + name, n -> new GridTopic<T>(n));
    }

    /** Refreshes this node's entry in every topic roster (run every {@link #ROSTER_REFRESH}). */
    void refreshRosters() {
        structures.values().forEach(s -> {
            if (s instanceof GridTopic<?> topic) {
                topic.refreshRoster();
            }
        });
    }

    /** Runs {@code action} when this node leaves the grid. */
    void whenClosed(Runnable action) {
        onClose.add(action);
    }

    @Override
    public void close() {
        onClose.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Leaving the grid", e);
            }
        });
    }

    private static javax.cache.expiry.Duration jcache(Duration d) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, d.toMillis()));
    }

    /** The cache {@code name} (with Bastion's prefix), created with {@code expiry} by whichever node asks first. */
    private Cache<String, String> cache(String name, Factory<ExpiryPolicy> expiry) {
        String full = PREFIX + name;
        Cache<String, String> cache = manager.getCache(full, String.class, String.class);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(full, new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(expiry).setStoreByValue(true));
        } catch (CacheException createdMeanwhile) {
            Cache<String, String> other = manager.getCache(full, String.class, String.class);
            if (other == null) {
                throw createdMeanwhile;
            }
            return other;
        }
    }

    private static <T> T guarded(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (GridUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GridUnavailable("The data grid failed to " + what + ": " + e, e);
        }
    }

    static String encode(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not serialisable for the data grid: " + value.getClass().getName(), e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @SuppressWarnings("unchecked")
    static <V> V decode(String text) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text))) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                return Class.forName(desc.getName(), false, JCacheGrid.class.getClassLoader());
            }
        }) {
            in.setObjectInputFilter(ALLOWED);
            return (V) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("An entry of the data grid could not be read", e);
        }
    }

    /** A map over one cache. */
    private final class GridMap<V extends Serializable> implements SharedMap<V> {

        private final Cache<String, String> cache;
        private final List<RemovalListener> listeners = new CopyOnWriteArrayList<>();

        GridMap(Cache<String, String> cache) {
            this.cache = cache;
        }

        @Override
        public Optional<V> get(String key) {
            String raw = guarded("read " + cache.getName(), () -> cache.get(key));
            return raw == null ? Optional.empty() : Optional.of(decode(raw));
        }

        @Override
        public void put(String key, V value) {
            String raw = encode(value);
            guarded("write " + cache.getName(), () -> {
                cache.put(key, raw);
                return null;
            });
        }

        @Override
        public boolean putIfAbsent(String key, V value) {
            String raw = encode(value);
            return guarded("write " + cache.getName(), () -> cache.putIfAbsent(key, raw));
        }

        @Override
        public Optional<V> update(String key, UnaryOperator<V> change) {
            return guarded("update " + cache.getName(), () -> {
                while (true) {
                    String before = cache.get(key);
                    V changed = change.apply(before == null ? null : decode(before));
                    if (changed == null) {
                        if (before == null || cache.remove(key, before)) {
                            return Optional.empty();
                        }
                        continue;
                    }
                    String after = encode(changed);
                    if (before == null ? cache.putIfAbsent(key, after) : cache.replace(key, before, after)) {
                        return Optional.of(changed);
                    }
                }
            });
        }

        @Override
        public Collection<V> values() {
            return guarded("list " + cache.getName(), () -> {
                List<V> values = new ArrayList<>();
                for (Cache.Entry<String, String> entry : cache) {
                    values.add(decode(entry.getValue()));
                }
                return values;
            });
        }

        @Override
        public boolean remove(String key) {
            return guarded("remove from " + cache.getName(), () -> cache.remove(key));
        }

        @Override
        public synchronized void onRemoval(RemovalListener listener) {
            if (listeners.isEmpty()) {
                GoneListener removals = new GoneListener(events -> events.forEach(e -> {
                    Removal cause = e.getEventType() == EventType.EXPIRED ? Removal.EXPIRED : Removal.REMOVED;
                    listeners.forEach(l -> {
                        try {
                            l.removed(e.getKey(), cause);
                        } catch (RuntimeException failed) {
                            LOG.log(Level.WARNING, "A removal listener failed on " + e.getKey(), failed);
                        }
                    });
                }));
                register(cache, removals);
            }
            listeners.add(listener);
        }
    }

    /** Counters over one cache: each value is {@code <window start millis>:<count>}. */
    private final class GridCounter implements WindowCounter {

        private final Cache<String, String> cache;
        private final Duration window;

        GridCounter(Cache<String, String> cache, Duration window) {
            this.cache = cache;
            this.window = window;
        }

        @Override
        public Count increment(String key) {
            return guarded("count in " + cache.getName(), () -> {
                while (true) {
                    long now = System.currentTimeMillis();
                    String before = cache.get(key);
                    long start = now;
                    long count = 1;
                    if (before != null) {
                        int colon = before.indexOf(':');
                        long openedAt = Long.parseLong(before, 0, colon, 10);
                        if (now < openedAt + window.toMillis()) {
                            start = openedAt;
                            count = Long.parseLong(before, colon + 1, before.length(), 10) + 1;
                        }
                    }
                    String after = start + ":" + count;
                    if (before == null ? cache.putIfAbsent(key, after) : cache.replace(key, before, after)) {
                        return new Count(count, Instant.ofEpochMilli(start).plus(window));
                    }
                }
            });
        }

        @Override
        public void reset(String key) {
            guarded("reset in " + cache.getName(), () -> cache.remove(key));
        }
    }

    /**
     * A topic: messages under {@code <node>#<sequence>}, acknowledgements under
     * {@code <message key>@<node>}, the roster under one key as {@code node=millis} lines.
     */
    private final class GridTopic<T extends Serializable> implements Topic<T> {

        private static final String ROSTER = "roster";

        private final Cache<String, String> messages;
        private final Cache<String, String> acknowledgements;
        private final Cache<String, String> roster;
        private final List<Consumer<T>> subscribers = new CopyOnWriteArrayList<>();
        private final AtomicLong sequence = new AtomicLong();
        /** Nodes that did not acknowledge in time, by when they are waited for again. */
        private final Map<String, Long> late = new ConcurrentHashMap<>();

        GridTopic(String name) {
            Factory<ExpiryPolicy> lifetime = ModifiedExpiryPolicy.factoryOf(jcache(MESSAGE_LIFETIME));
            this.messages = cache(name, lifetime);
            this.acknowledgements = cache(name + ".ack", lifetime);
            this.roster = cache(name + ".roster", EternalExpiryPolicy.factoryOf());
        }

        @Override
        public boolean publish(T message, Duration wait) {
            String key = member + "#" + sequence.incrementAndGet();
            String raw = encode(message);
            return guarded("publish on " + messages.getName(), () -> {
                messages.put(key, raw);
                if (wait.isZero()) {
                    return true;
                }
                long now = System.currentTimeMillis();
                late.values().removeIf(until -> until < now);
                Set<String> expected = new HashSet<>();
                readRoster().forEach((node, seen) -> {
                    if (!node.equals(member) && seen > now - ROSTER_STALE.toMillis() && !late.containsKey(node)) {
                        expected.add(key + "@" + node);
                    }
                });
                long deadline = System.nanoTime() + wait.toNanos();
                long pause = 1;
                while (!expected.isEmpty()) {
                    expected.removeAll(acknowledgements.getAll(expected).keySet());
                    if (expected.isEmpty() || System.nanoTime() > deadline) {
                        break;
                    }
                    sleep(pause);
                    pause = Math.min(pause * 2, 25);
                }
                for (String missing : expected) {
                    String node = missing.substring(missing.lastIndexOf('@') + 1);
                    late.put(node, now + ROSTER_STALE.toMillis());
                    LOG.warning(() -> "Cluster: node " + node + " did not acknowledge " + messages.getName() + " within "
                            + wait.toMillis() + " ms; not waited for during the next " + ROSTER_STALE.toSeconds() + " s");
                }
                return expected.isEmpty();
            });
        }

        @Override
        public synchronized void subscribe(Consumer<T> subscriber) {
            subscribers.add(subscriber);
            if (subscribers.size() == 1) {
                register(messages, new CreatedListener(this::received));
                refreshRoster();
                onClose.add(this::leaveRoster);
            }
        }

        private void received(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            for (CacheEntryEvent<? extends String, ? extends String> event : events) {
                String key = event.getKey();
                String raw = event.getValue();
                if (key.startsWith(member + "#") || raw == null) {
                    continue;
                }
                executor.execute(() -> {
                    try {
                        T message = decode(raw);
                        for (var subscriber : subscribers) {
                            try {
                                subscriber.accept(message);
                            } catch (RuntimeException e) {
                                LOG.log(Level.WARNING, "A subscriber of " + messages.getName() + " failed", e);
                            }
                        }
                        acknowledgements.put(key + "@" + member, "1");
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "A message of " + messages.getName() + " could not be delivered", e);
                    }
                });
            }
        }

        private Map<String, Long> readRoster() {
            String text = roster.get(ROSTER);
            Map<String, Long> nodes = new TreeMap<>();
            if (text != null) {
                for (String line : text.split("\n")) {
                    int eq = line.lastIndexOf('=');
                    if (eq > 0) {
                        nodes.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
                    }
                }
            }
            return nodes;
        }

        private void changeRoster(UnaryOperator<Map<String, Long>> change) {
            while (true) {
                String before = roster.get(ROSTER);
                Map<String, Long> nodes = change.apply(readRoster());
                long stale = System.currentTimeMillis() - 3 * ROSTER_STALE.toMillis();
                nodes.values().removeIf(seen -> seen < stale);
                StringBuilder after = new StringBuilder();
                nodes.forEach((node, seen) -> after.append(node).append('=').append(seen).append('\n'));
                if (before == null ? roster.putIfAbsent(ROSTER, after.toString())
                        : roster.replace(ROSTER, before, after.toString())) {
                    return;
                }
            }
        }

        void refreshRoster() {
            if (subscribers.isEmpty()) {
                return;
            }
            try {
                changeRoster(nodes -> {
                    nodes.put(member, System.currentTimeMillis());
                    return nodes;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cluster: could not refresh this node in the roster of " + messages.getName(), e);
            }
        }

        private void leaveRoster() {
            changeRoster(nodes -> {
                nodes.remove(member);
                return nodes;
            });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridUnavailable("interrupted while waiting for the grid", e);
        }
    }

    private <L extends CacheEntryListener<String, String> & Serializable> void register(Cache<String, String> cache, L listener) {
        MutableCacheEntryListenerConfiguration<String, String> configuration = new MutableCacheEntryListenerConfiguration<>(
                new FactoryBuilder.SingletonFactory<CacheEntryListener<? super String, ? super String>>(listener), null, false, false);
        cache.registerCacheEntryListener(configuration);
        onClose.add(() -> cache.deregisterCacheEntryListener(configuration));
    }

    /**
     * Hears the entries created in a cache (a topic's messages). Serialisable, as JCache's factory
     * must be: Hazelcast keeps the listener configuration with the cache and may make copies of
     * it on other members. A copy has no callback ({@code events} is transient) and does nothing;
     * only the listener this node registered delivers.
     */
    static final class CreatedListener implements CacheEntryCreatedListener<String, String>, Serializable {

        private static final long serialVersionUID = 1L;
        private final transient Events events;

        CreatedListener(Events events) {
            this.events = events;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> created) {
            if (events != null) {
                events.accept(created);
            }
        }
    }

    /** Hears the entries removed from or expired in a cache (a map's removal listeners); a copy does nothing, as above. */
    static final class GoneListener implements CacheEntryRemovedListener<String, String>,
            CacheEntryExpiredListener<String, String>, Serializable {

        private static final long serialVersionUID = 1L;
        private final transient Events events;

        GoneListener(Events events) {
            this.events = events;
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> removed) {
            if (events != null) {
                events.accept(removed);
            }
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> expired) {
            if (events != null) {
                events.accept(expired);
            }
        }
    }

    @FunctionalInterface
    interface Events {
        void accept(Iterable<CacheEntryEvent<? extends String, ? extends String>> events);
    }
}
