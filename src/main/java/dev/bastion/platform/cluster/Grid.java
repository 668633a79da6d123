package dev.bastion.platform.cluster;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the nodes of one Bastion installation share, whatever engine holds it: maps of values by
 * key, windowed counters and topics. A single node uses {@link EmbeddedGrid} (memory only, no
 * network); several nodes use the server's data grid ({@link JCacheGrid}: Payara's Hazelcast
 * through JCache). Durable things are rows of the database, never entries here: a grid may lose
 * everything when every node stops.
 *
 * <p>Names are plain words ({@code "sessions"}, {@code "lockout-failures"}); two calls with the
 * same name and the same expiry (or window) reach the same structure on every node. Every
 * method may be called from any thread. A grid that cannot be reached throws
 * {@link GridUnavailable}; callers doing bookkeeping catch it and carry on.
 */
public interface Grid {

    /** Whether other nodes share this grid (false for the embedded one). */
    boolean clustered();

    /** This node's name, unique in the cluster (for logs, and to tell which node published). */
    String nodeName();

    /**
     * The map {@code name} whose entries expire {@code idle} after they were last read or written
     * ({@link Duration#ZERO}: never).
     */
    <V extends Serializable> SharedMap<V> map(String name, Duration idle);

    /** The counters {@code name} whose windows last {@code window}, opened by their first count. */
    WindowCounter counter(String name, Duration window);

    /**
     * The topic {@code name}: a message published on one node is delivered once to the
     * subscribers of every other node, never to the publishing node's own (it acts locally).
     */
    <T extends Serializable> Topic<T> topic(String name);
}
