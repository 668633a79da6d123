package dev.bastion.access;

import java.time.Duration;

/**
 * Why {@link BastionAuthentication} refused a request to {@code /mcp}, carried as the request
 * attribute {@link #ATTRIBUTE}. The mechanism decides; the transport answers it (a JSON-RPC
 * error with the status, echoing the request id when the body has one) and reports the
 * outcome, so that a refused request is answered and counted in the same place as any other.
 *
 * @param kind       what refused it
 * @param status     the HTTP status to answer with
 * @param message    what the client is told
 * @param retryAfter for 429s, how long until the client may try again; else null
 */
public record EdgeRefusal(Kind kind, int status, String message, Duration retryAfter) {

    public static final String ATTRIBUTE = EdgeRefusal.class.getName();

    /** The edge checks, in the order they run. */
    public enum Kind {
        /** The IP allow/deny list (403). */
        IP_REFUSED,
        /** Too many failed authentications from the client's address (429). */
        LOCKED,
        /** No, or no valid, credentials (401). */
        UNAUTHORIZED,
        /** Valid credentials of a user outside the MCP groups (403). */
        FORBIDDEN,
        /** The user's rate limit (429). */
        RATE_LIMITED,
        /** The database is away, or not migrated yet: nothing can be served now (503). */
        UNAVAILABLE
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfter == null ? 0 : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
