package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.server.SessionGate;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.platform.cluster.Grid;
import dev.bastion.platform.cluster.GridUnavailable;
import dev.bastion.platform.cluster.SharedMap;
import dev.bastion.platform.cluster.Topic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.Serial;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Open connections of the 2024-11-05 HTTP+SSE transport: the GET stream that carries every
 * answer, on the node that holds it, and in the grid who opened it, that node, and the session
 * its {@code initialize} created. The client's POSTs may land on any node: there the message is
 * served, and what goes to the client (answers, progress, requests) is relayed over the grid's
 * topic to the node holding the stream. A node refreshes its connections' entries while their
 * streams are open; a node that died lets them expire.
 */
@ApplicationScoped
public class LegacySseConnections {

    private static final Logger LOG = Logger.getLogger(LegacySseConnections.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REFRESH = Duration.ofSeconds(15);

    /** A connection as every node knows it. */
    record Connection(String id, String node, long userId, String login, String sessionId) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        boolean of(Caller caller) {
            return caller.userId() == userId && caller.name().equals(login);
        }

        Connection session(String session) {
            return new Connection(id, node, userId, login, session);
        }
    }

    /** A message for a connection's stream (JSON text), and the session to attach to it first, or null. */
    record Relay(String connectionId, String message, String attachSession) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A connection whose stream this node holds. */
    private static final class Held {
        final Caller caller;
        final StreamRegistry.OpenStream stream;
        volatile Connection connection;

        Held(Caller caller, StreamRegistry.OpenStream stream, Connection connection) {
            this.caller = caller;
            this.stream = stream;
            this.connection = connection;
        }
    }

    private final ConcurrentHashMap<String, Held> here = new ConcurrentHashMap<>();

    @Inject
    StreamRegistry streams;

    @Inject
    SessionStore sessions;

    @Inject
    SessionGate gate;

    @Inject
    Grid grid;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private SharedMap<Connection> connections;
    private Topic<Relay> relays;
    private ScheduledFuture<?> refresher;

    @PostConstruct
    void start() {
        connections = grid.map("legacy-sse-connections", REFRESH.multipliedBy(4));
        relays = grid.topic("legacy-sse-relays");
        relays.subscribe(this::relayed);
        refresher = scheduler.scheduleWithFixedDelay(this::refresh, REFRESH.toSeconds(), REFRESH.toSeconds(),
                TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        refresher.cancel(false);
    }

    /** Opens the stream and tells the client where to POST: the {@code endpoint} event. */
    void open(SseEventSink sink, Sse sse, Caller caller) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Connection connection = new Connection(id, grid.nodeName(), caller.userId(), caller.name(), null);
        connections.put(id, connection);
        StreamRegistry.OpenStream stream = streams.open(sink, sse, id, () -> closed(id));
        here.put(id, new Held(caller, stream, connection));
        stream.send("endpoint", "/mcp/message?sessionId=" + id);
    }

    private void closed(String id) {
        Held held = here.remove(id);
        try {
            connections.remove(id);
        } catch (GridUnavailable e) {
            LOG.log(Level.FINE, "Legacy connection " + id + " left to expire", e);
        }
        if (held != null && held.connection.sessionId() != null) {
            sessions.remove(held.connection.sessionId());
        }
    }

    /** The open connection {@code id} of {@code caller}, on whichever node holds its stream. */
    Optional<Connection> find(String id, Caller caller) {
        if (id == null) {
            return Optional.empty();
        }
        Held held = here.get(id);
        return (held != null ? Optional.of(held.connection) : connections.get(id)).filter(c -> c.of(caller));
    }

    /** Sends {@code message} on the connection's stream, here or on the node holding it. */
    void send(Connection connection, JsonRpcMessage message) {
        deliver(connection, message, null);
    }

    /**
     * Makes {@code session} the connection's (its stream becomes the session's server-to-client
     * stream, and ending either ends the other), then sends {@code answer}, the initialize result.
     */
    void attach(Connection connection, McpSession session, JsonRpcMessage answer) {
        connections.update(connection.id(), c -> c == null ? null : c.session(session.id()));
        deliver(connection, answer, session.id());
    }

    private void deliver(Connection connection, JsonRpcMessage message, String attachSession) {
        Held held = here.get(connection.id());
        if (held != null) {
            if (attachSession != null) {
                attachHere(held, attachSession);
            }
            held.stream.send(message);
            return;
        }
        try {
            relays.publish(new Relay(connection.id(), message.toJson().toString(), attachSession), Duration.ZERO);
        } catch (GridUnavailable e) {
            LOG.log(Level.WARNING, "Could not relay a message to legacy connection " + connection.id()
                    + " on node " + connection.node(), e);
        }
    }

    private void relayed(Relay relay) {
        Held held = here.get(relay.connectionId());
        if (held == null) {
            return;
        }
        if (relay.attachSession() != null) {
            attachHere(held, relay.attachSession());
        }
        held.stream.sendJson(relay.message());
    }

    /** The stream of {@code held} becomes the server-to-client stream of session {@code sessionId}. */
    private void attachHere(Held held, String sessionId) {
        held.connection = held.connection.session(sessionId);
        gate.find(held.caller, sessionId).ifPresent(session -> {
            session.standaloneStream(held.stream::send);
            session.streamOpened(true);
            // DELETE has no legacy form, but an administrator or the TTL may end the session: its stream closes.
            session.onClose(held.stream::close);
        });
    }

    /** Keeps the entries of the connections held here from expiring. */
    private void refresh() {
        for (Held held : here.values()) {
            try {
                // A read refreshes the entry; writing it back could undo another node's attach.
                if (connections.get(held.connection.id()).isEmpty()) {
                    connections.putIfAbsent(held.connection.id(), held.connection);
                }
            } catch (GridUnavailable e) {
                LOG.log(Level.FINE, "Legacy connections not refreshed this time", e);
                return;
            }
        }
    }
}
