package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.ProtocolRevision;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Where sessions live; the in-memory store serves one node, a clustered one may replace it. */
public interface SessionStore {

    /** Creates a session with a new unguessable id. */
    McpSession create(String callerName, ProtocolRevision revision, JsonObject clientCapabilities,
                      JsonObject clientInfo);

    /** The live session with this id, refreshing its idle timer; empty when unknown or expired. */
    Optional<McpSession> find(String id);

    /** Ends a session; returns false when there was none. */
    boolean remove(String id);

    /** Every live session, for notification fan-out and the administrators' list. */
    Collection<McpSession> all();

    /** When {@code session} expires if it stays idle, by the TTL as it is now. */
    Instant expiresAt(McpSession session);
}
