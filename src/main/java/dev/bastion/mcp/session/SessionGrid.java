package dev.bastion.mcp.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The grid as sessions use it: the shared map of session states (entries expire when nobody
 * writes them for a while) and the topic of {@link SessionSignal}s between nodes.
 */
@ApplicationScoped
public class SessionGrid {

    private final ConcurrentHashMap<String, SessionState> states = new ConcurrentHashMap<>();

    /** Whether other nodes share the grid (false: a single node, nothing leaves it). */
    public boolean clustered() {
        return false;
    }

    /** This node's name. */
    public String node() {
        return "local";
    }

    SessionState get(String id) {
        return states.get(id);
    }

    void put(String id, SessionState state, Duration expiry) {
        states.put(id, state);
    }

    boolean replace(String id, SessionState expected, SessionState next) {
        return states.replace(id, expected, next);
    }

    boolean remove(String id) {
        return states.remove(id) != null;
    }

    Collection<SessionState> all() {
        return List.copyOf(states.values());
    }

    /** Entries written from now on expire after {@code expiry} without a write. */
    void expireAfter(Duration expiry) {
    }

    void signal(SessionSignal signal) {
    }

    void signals(Consumer<SessionSignal> listener) {
    }
}
