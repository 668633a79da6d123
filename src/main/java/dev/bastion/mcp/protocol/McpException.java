package dev.bastion.mcp.protocol;

import dev.bastion.json.Jsons;
import jakarta.json.JsonValue;

/**
 * A failure that becomes a JSON-RPC error response: the code and message the client reads,
 * optional data. Never carries a stack trace to the wire.
 */
public class McpException extends RuntimeException {

    private final int code;
    private final transient JsonValue data;

    public McpException(int code, String message) {
        this(code, message, null);
    }

    public McpException(int code, String message, JsonValue data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** Extra data for the client, or null. */
    public JsonValue data() {
        return data;
    }

    public static McpException invalidParams(String message) {
        return new McpException(ErrorCode.INVALID_PARAMS, message);
    }

    public static McpException methodNotFound(String method) {
        return new McpException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + method);
    }

    /**
     * The credentials lack {@code scope} (MCP authorization, "Runtime Insufficient Scope
     * Errors"): code {@link ErrorCode#FORBIDDEN}, data {@code {"error": "insufficient_scope",
     * "scope": ...}}, from which HTTP transports answer 403 with the matching challenge.
     */
    public static McpException insufficientScope(String scope, String message) {
        return new McpException(ErrorCode.FORBIDDEN, message, Jsons.createObjectBuilder()
                .add("error", INSUFFICIENT_SCOPE).add("scope", scope).build());
    }

    /** The {@code error} of {@link #insufficientScope}'s data (RFC 6750 section 3.1). */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    public static McpException invalidRequest(String message) {
        return new McpException(ErrorCode.INVALID_REQUEST, message);
    }
}
