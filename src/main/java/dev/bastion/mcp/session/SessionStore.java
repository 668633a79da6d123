package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.ProtocolRevision;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where sessions live: their shared state where every node reads it, each node's runtime of
 * them (streams, futures, flags) in that node's memory.
 */
public interface SessionStore {

    /** Creates a session with a new unguessable id, held by this node from the start. */
    McpSession create(String callerName, ProtocolRevision revision, JsonObject clientCapabilities,
                      JsonObject clientInfo);

    /**
     * The live session with this id as this node holds it (its state read from the grid),
     * refreshing its idle timer; empty when unknown or expired.
     */
    Optional<McpSession> find(String id);

    /** Ends a session on every node; returns false when there was none. */
    boolean remove(String id);

    /** The sessions this node holds something of (a stream, a request, an event log), for notification fan-out. */
    Collection<McpSession> here();

    /** The shared state of {@code session} as it is now (another node may have changed it); empty when it ended. */
    Optional<SessionState> current(McpSession session);

    /** Every live session of every node, for the administrators' list. */
    Collection<SessionState> all();

    /** When a session with {@code state} expires if it stays idle, by the TTL as it is now. */
    Instant expiresAt(SessionState state);

    /** Requests this node served in session {@code id} that {@link #all()} does not count yet. */
    long requestsNotShared(String id);

    /**
     * Sends {@code to} what POST stream {@code streamId} of {@code session} sent after event
     * {@code afterSeq}, and whatever it sends from now on: from this node's event log, or
     * relayed from the node whose log has it.
     *
     * @return false when no node knows the stream (never existed, too old, or its node is gone)
     */
    boolean resume(McpSession session, String streamId, long afterSeq, Consumer<JsonRpcMessage> to);

    /** The name of this node, as {@link SessionState#streamNode()} names it. */
    String node();
}
