package dev.bastion.mcp.protocol;

/** JSON-RPC 2.0 error codes and the MCP-specific ones. */
public final class ErrorCode {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Resource not found, revisions up to 2025-11-25. */
    public static final int RESOURCE_NOT_FOUND = -32002;
    /** 2026-07-28: an HTTP header disagrees with the request body. */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the request needs a client capability the client did not declare. */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** 2026-07-28: the requested protocol version is not served. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** The request was refused by the server's access rules. */
    public static final int FORBIDDEN = -32003;
    /** Too many requests; the HTTP answer carries Retry-After. */
    public static final int RATE_LIMITED = -32029;
    /**
     * The server cannot serve now: its database is away (503 with Retry-After), or an
     * administrator disabled it (503).
     */
    public static final int UNAVAILABLE = -32030;

    private ErrorCode() {
    }
}
