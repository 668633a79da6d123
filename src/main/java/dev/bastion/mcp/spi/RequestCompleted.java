package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Fired once for every JSON-RPC message a client sent to {@code /mcp} or {@code /mcp/message}
 * (a batch fires one per message), and once for every HTTP request that carried none: refused
 * at the edge, malformed, a GET stream opened, a session deleted. Observers (the audit trail,
 * metrics) receive it synchronously on the serving thread after the answer was written: they
 * must be quick and must not fail.
 *
 * @param at            when the request arrived (UTC)
 * @param caller        who sent it, or null when it was refused before that was known
 * @param sessionId     the MCP session, or null (stateless, legacy before initialize, refused)
 * @param revision      the protocol revision, or null when unknown
 * @param clientName    {@code clientInfo.name}, or null
 * @param clientVersion {@code clientInfo.version}, or null
 * @param method        the JSON-RPC method, or the HTTP method when no message was read ({@code GET})
 * @param requestId     the JSON-RPC id as JSON text, or null (notifications, unparsed bodies)
 * @param target        the tool, prompt or resource URI a request named, or null
 * @param params        the message's {@code params} as sent (secrets included: observers that keep them redact), or null
 * @param records       what it touched, as {@link RequestTrace#toJson()} gives it, or null
 * @param model         the first model it touched, or null
 * @param outcome       how it ended
 * @param errorCode     the JSON-RPC error code when the outcome is {@link Outcome#RPC_ERROR}, else null
 * @param httpStatus    the HTTP status answered (202 for messages whose answer travels on a stream)
 * @param ip            the client's address, after trusted-proxy resolution
 * @param userAgent     the {@code User-Agent} header, or null
 * @param durationMillis from arrival to the answer
 * @param responseBytes the size of the answer to this message (or request) in bytes
 */
public record RequestCompleted(Instant at, Caller caller, String sessionId, String revision, String clientName,
                               String clientVersion, String method, String requestId, String target,
                               JsonObject params, JsonObject records, String model, Outcome outcome,
                               Integer errorCode, int httpStatus, String ip, String userAgent, long durationMillis,
                               long responseBytes) {

    /** How a request ended. */
    public enum Outcome {
        /** Answered with a result (or a notification accepted). */
        OK,
        /** A tool ran and answered {@code isError: true}. */
        TOOL_ERROR,
        /** A tool refused the call because the caller lacks a right on the data ({@code isError: true}). */
        DENIED,
        /** Answered with a JSON-RPC error ({@code errorCode}), or refused as malformed. */
        RPC_ERROR,
        /** No or invalid credentials (401). */
        UNAUTHORIZED,
        /** Valid credentials without MCP access, a disallowed Origin or Host (403). */
        FORBIDDEN,
        /** Over the user's rate limit (429). */
        RATE_LIMITED,
        /** The client's address is locked out after failed authentications (429). */
        LOCKED,
        /** Refused by the IP allow/deny list (403). */
        IP_REFUSED,
        /** The body exceeded the size limit (413). */
        TOO_LARGE,
        /** An administrator disabled the server ({@code bastion.server.enabled} false): 503. */
        DISABLED,
        /** The database was away (or not ready yet): 503, retry later. */
        UNAVAILABLE
    }
}
