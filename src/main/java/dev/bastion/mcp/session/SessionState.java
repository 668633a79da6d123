package dev.bastion.mcp.session;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.ProtocolRevision;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What every node knows of a session: the part that lives in the grid's session map, so that a
 * request for the session may land on any node. Plain values only (JSON as text, the revision as
 * its version string, subscriptions sorted), so that two equal states serialise to the same
 * bytes (a grid may update by compare-and-set on them). What a node holds for a session that
 * cannot leave it (streams, futures, cancellation flags) is {@link McpSession}'s.
 *
 * @param id                 the {@code Mcp-Session-Id}
 * @param callerName         the login of the caller who created the session
 * @param revision           the negotiated protocol version
 * @param clientCapabilities the client's {@code capabilities}, JSON text
 * @param clientInfo         the client's {@code clientInfo}, JSON text
 * @param initialized        whether {@code notifications/initialized} arrived
 * @param logLevel           the minimum log level the client set, or null
 * @param subscriptions      the resource URIs the session subscribed to, sorted
 * @param created            when {@code initialize} created it
 * @param lastSeen           the last request as written to the grid (see {@code SessionStore} on how often)
 * @param requests           how many requests it served, as of {@code lastSeen}
 * @param openStreams        its open GET streams on every node
 * @param streamNode         the node holding its server-to-client (GET or legacy) stream, or null
 */
public record SessionState(String id, String callerName, String revision, String clientCapabilities,
                           String clientInfo, boolean initialized, String logLevel, List<String> subscriptions,
                           Instant created, Instant lastSeen, long requests, int openStreams, String streamNode)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public SessionState {
        subscriptions = List.copyOf(subscriptions);
    }

    /** A new session's state, created and last seen now. */
    static SessionState created(String id, String callerName, ProtocolRevision revision, JsonObject capabilities,
                                JsonObject clientInfo, Instant now) {
        return new SessionState(id, callerName, revision.version(), capabilities.toString(), clientInfo.toString(),
                false, null, List.of(), now, now, 0, 0, null);
    }

    public ProtocolRevision protocolRevision() {
        return ProtocolRevision.of(revision).orElseThrow();
    }

    JsonObject capabilitiesJson() {
        return parse(clientCapabilities);
    }

    /** The client's {@code clientInfo}. */
    public JsonObject clientInfoJson() {
        return parse(clientInfo);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Jsons.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    SessionState initialized(boolean value) {
        return new SessionState(id, callerName, revision, clientCapabilities, clientInfo, value, logLevel,
                subscriptions, created, lastSeen, requests, openStreams, streamNode);
    }

    SessionState logLevel(String level) {
        return new SessionState(id, callerName, revision, clientCapabilities, clientInfo, initialized, level,
                subscriptions, created, lastSeen, requests, openStreams, streamNode);
    }

    SessionState subscribed(String uri, boolean on) {
        TreeSet<String> uris = new TreeSet<>(subscriptions);
        if (on) {
            uris.add(uri);
        } else {
            uris.remove(uri);
        }
        return new SessionState(id, callerName, revision, clientCapabilities, clientInfo, initialized, logLevel,
                List.copyOf(uris), created, lastSeen, requests, openStreams, streamNode);
    }

    SessionState seen(Instant at, long moreRequests) {
        return new SessionState(id, callerName, revision, clientCapabilities, clientInfo, initialized, logLevel,
                subscriptions, created, at.isAfter(lastSeen) ? at : lastSeen, requests + moreRequests, openStreams,
                streamNode);
    }

    /**
     * One more ({@code +1}) or one fewer ({@code -1}) open GET stream; {@code node} names the
     * node now holding the server-to-client stream, or, on a close, the node letting it go.
     */
    SessionState stream(int change, String node, boolean serverStream) {
        String holder = !serverStream ? streamNode : change > 0 ? node : node.equals(streamNode) ? null : streamNode;
        return new SessionState(id, callerName, revision, clientCapabilities, clientInfo, initialized, logLevel,
                subscriptions, created, lastSeen, requests, Math.max(0, openStreams + change), holder);
    }
}
