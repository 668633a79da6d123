package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.platform.cluster.GridUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which session a message of a stateful revision belongs to, with the checks every transport
 * shares: a session id was sent, it names a live session of this caller, and the protocol
 * version header (when sent) is the session's.
 *
 * <p>Spec: 2025-11-25 {@code basic/transports.mdx} "Session Management" and "Protocol Version
 * Header".
 */
@ApplicationScoped
public class SessionGate {

    private static final Logger LOG = Logger.getLogger(SessionGate.class.getName());

    @Inject
    SessionStore sessions;

    /**
     * The caller of each session as this node last saw them (the user of its latest request or
     * stream here), whose rights a notification for the session is checked against; weak, so an
     * ended session's entry goes with it.
     */
    private final Map<McpSession, Caller> callers = Collections.synchronizedMap(new WeakHashMap<>());

    /** A message that belongs to no usable session, and the HTTP status the transport answers with. */
    public static final class Refused extends Exception {
        private final int status;
        private final McpException error;

        Refused(int status, McpException error) {
            super(error.getMessage(), null, false, false);
            this.status = status;
            this.error = error;
        }

        /**
         * 400 for a missing id or a wrong version, 404 for an unknown or expired session (the
         * spec's), 503 when the grid holding the sessions does not answer.
         */
        public int status() {
            return status;
        }

        public McpException error() {
            return error;
        }
    }

    /**
     * The live session {@code sessionId} of {@code caller}.
     *
     * @param sessionId the {@code Mcp-Session-Id} header, or null
     * @param version   the {@code MCP-Protocol-Version} header, or null
     */
    public McpSession open(Caller caller, String sessionId, String version) throws Refused {
        if (version != null && ProtocolRevision.of(version.trim()).isEmpty()) {
            throw new Refused(400, McpException.invalidRequest("Unsupported MCP-Protocol-Version '" + version
                    + "'; supported: " + ProtocolRevision.supportedVersions()));
        }
        if (sessionId == null || sessionId.isBlank()) {
            throw new Refused(400, McpException.invalidRequest("Missing Mcp-Session-Id header: call initialize first"));
        }
        McpSession session;
        try {
            session = find(caller, sessionId.trim()).orElseThrow(() -> new Refused(404,
                    new McpException(ErrorCode.INVALID_REQUEST, "Session not found or expired: initialize a new one")));
        } catch (GridUnavailable e) {
            LOG.log(Level.WARNING, "The session store did not answer", e);
            throw new Refused(503, new McpException(ErrorCode.INTERNAL_ERROR,
                    "Sessions are unavailable for a moment (the cluster's data grid did not answer): retry"));
        }
        if (version != null && !version.trim().equals(session.revision().version())) {
            throw new Refused(400, McpException.invalidRequest("MCP-Protocol-Version '" + version
                    + "' differs from the session's " + session.revision().version()));
        }
        return session;
    }

    /** The live session {@code sessionId} of {@code caller}, without the header checks (the legacy transport has none). */
    public Optional<McpSession> find(Caller caller, String sessionId) {
        Optional<McpSession> session = sessions.find(sessionId).filter(s -> s.callerName().equals(caller.name()));
        session.ifPresent(s -> callers.put(s, caller));
        return session;
    }

    /** A session this node created for {@code caller} with {@code initialize}. */
    void opened(McpSession session, Caller caller) {
        callers.put(session, caller);
    }

    /** The user of {@code session} as this node last saw them; empty when it never served the session. */
    Optional<Caller> lastCaller(McpSession session) {
        return Optional.ofNullable(callers.get(session));
    }

    /** Ends {@code session}: its streams close and its id is unknown from now on. */
    public void end(McpSession session) {
        sessions.remove(session.id());
    }
}
