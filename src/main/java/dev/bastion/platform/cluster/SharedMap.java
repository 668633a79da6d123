package dev.bastion.platform.cluster;

import java.io.Serializable;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Values by key, the same on every node: what one node puts, another reads at once. A value is
 * never changed in place (in a cluster it is a serialised copy, in the embedded grid the object
 * itself): change it by {@link #put} or {@link #update}.
 */
public interface SharedMap<V extends Serializable> {

    /** Why an entry left the map. */
    enum Removal { REMOVED, EXPIRED }

    /** Told of an entry that left the map, on every node that listens. */
    @FunctionalInterface
    interface RemovalListener {
        void removed(String key, Removal cause);
    }

    /** The value of {@code key}, refreshing its idle expiry; empty when there is none. */
    Optional<V> get(String key);

    void put(String key, V value);

    /** Puts {@code value} unless {@code key} has one; returns whether it did. */
    boolean putIfAbsent(String key, V value);

    /**
     * Replaces the value of {@code key} atomically by {@code change} applied to it (null when
     * absent); a null result removes the entry. {@code change} may run more than once (when
     * another node changed the entry meanwhile), so it must not have side effects.
     *
     * @return the value now stored, empty when none
     */
    Optional<V> update(String key, UnaryOperator<V> change);

    /**
     * Every live value: a snapshot for listings and sweeps (in a cluster it reads the entries of
     * every member, so not for the path of a request; whether it refreshes idle expiry is the
     * engine's, so callers should not rely on it either way).
     */
    Collection<V> values();

    /** Removes {@code key}; returns whether it had a value. */
    boolean remove(String key);

    /**
     * Calls {@code listener} on this node whenever an entry leaves the map on any node, removed
     * or expired. In a cluster every listening node hears each removal once; an expiry is heard
     * when the grid notices it (the embedded grid: at the next access or sweep).
     */
    void onRemoval(RemovalListener listener);
}
