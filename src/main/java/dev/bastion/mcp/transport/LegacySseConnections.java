package dev.bastion.mcp.transport;

import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections of the 2024-11-05 HTTP+SSE transport: the GET stream that carries every
 * answer, the caller who opened it, and the session its {@code initialize} created.
 */
@ApplicationScoped
public class LegacySseConnections {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();

    @Inject
    StreamRegistry streams;

    @Inject
    SessionStore sessions;

    /** One legacy connection. */
    static final class Connection {
        final String id;
        final Caller caller;
        volatile StreamRegistry.OpenStream stream;
        volatile String sessionId;

        Connection(String id, Caller caller) {
            this.id = id;
            this.caller = caller;
        }
    }

    /** Opens the stream and tells the client where to POST: the {@code endpoint} event. */
    void open(SseEventSink sink, Sse sse, Caller caller) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        Connection connection = new Connection(HexFormat.of().formatHex(bytes), caller);
        connections.put(connection.id, connection);
        connection.stream = streams.open(sink, sse, connection.id, () -> {
            connections.remove(connection.id);
            if (connection.sessionId != null) {
                sessions.remove(connection.sessionId);
            }
        });
        connection.stream.send("endpoint", "/mcp/message?sessionId=" + connection.id);
    }

    Optional<Connection> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(connections.get(id));
    }
}
