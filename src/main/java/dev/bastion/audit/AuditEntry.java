package dev.bastion.audit;

import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * One audit entry as the data engine serves it: read-only for everyone (the engine refuses
 * create, write and delete whatever the rights say), readable by MCP administrators only.
 * Rows are written by {@link AuditWriter} with plain JDBC, never through this entity.
 */
@Entity(name = "AuditEntry")
@Table(name = "mcp_audit_log")
@Model(name = "mcp.audit.log", label = "Audit Entry", module = "mcp", order = "create_date desc, id desc",
        recName = "method", readOnly = true,
        description = "Every request MCP clients made to this server, refused ones included: who (login, API key), "
                + "when (create_date, UTC), what (method, target tool/resource/prompt, model, record_ids, params "
                + "with secrets redacted), how it ended (outcome: ok, tool_error, denied, rpc_error, unauthorized, "
                + "forbidden, rate_limited, locked, ip_refused, too_large, disabled; error_code, http_status), "
                + "from where (ip, user_agent, client_name) and how long it took (duration_ms). Entries are "
                + "hash-chained; method_call verify_chain checks that none was edited, deleted or inserted.")
public class AuditEntry {

    @Id
    Long id;

    @Field(label = "Chain", help = "The writer (server node run) whose hash chain holds the entry", readonly = true)
    String chain;

    @Field(label = "Position", help = "Position in its chain, from 1", readonly = true)
    long seq;

    @Column(name = "create_date")
    @Field(name = "create_date", label = "Time", help = "When the request arrived (UTC, ms)", readonly = true)
    LocalDateTime at;

    @Column(name = "uid")
    @Field(name = "uid", label = "User Id", help = "The caller's res.users id; empty when refused before it was known", readonly = true)
    Long userId;

    @Field(label = "Login", readonly = true)
    String login;

    @Column(name = "api_key_id")
    @Field(name = "api_key_id", label = "API Key Id", readonly = true)
    Long apiKeyId;

    @Column(name = "api_key_prefix")
    @Field(name = "api_key_prefix", label = "API Key Prefix", readonly = true)
    String apiKeyPrefix;

    @Column(name = "session_id")
    @Field(name = "session_id", label = "Session", readonly = true)
    String sessionId;

    @Column(name = "protocol_version")
    @Field(name = "protocol_version", label = "Protocol Revision", readonly = true)
    String protocolVersion;

    @Column(name = "client_name")
    @Field(name = "client_name", label = "Client", readonly = true)
    String clientName;

    @Column(name = "client_version")
    @Field(name = "client_version", label = "Client Version", readonly = true)
    String clientVersion;

    @Column(name = "oauth_client")
    @Field(name = "oauth_client", label = "OAuth Client", help = "The OAuth client (client_id) the access token was "
            + "issued to; empty for API keys", readonly = true)
    String oauthClient;

    @Field(label = "Method", help = "JSON-RPC method, or the HTTP method of a request without a message", readonly = true)
    String method;

    @Column(name = "request_id")
    @Field(name = "request_id", label = "Request Id", help = "The JSON-RPC id as JSON text", readonly = true)
    String requestId;

    @Field(label = "Target", help = "The tool, prompt or resource URI the request named", readonly = true)
    String target;

    @Field(label = "Model", help = "The first business model the request touched", readonly = true)
    String model;

    @Column(name = "record_ids")
    @Field(name = "record_ids", label = "Records", type = FieldType.TEXT, readonly = true,
            help = "JSON: per model, ids read (at most 100, read_more counts the rest), created, written, deleted, "
                    + "called; for an export, how many entries it exported")
    String recordIds;

    @Field(label = "Parameters", type = FieldType.TEXT, readonly = true,
            help = "The request's params as JSON, secrets replaced by \"[redacted]\", unreadable field values removed")
    String params;

    @Field(label = "Outcome", type = FieldType.SELECTION, readonly = true, selection = {"ok", "tool_error", "denied", "rpc_error", "unauthorized",
            "forbidden", "rate_limited", "locked", "ip_refused", "too_large", "disabled", "unavailable"})
    String outcome;

    @Column(name = "error_code")
    @Field(name = "error_code", label = "Error Code", help = "JSON-RPC error code", readonly = true)
    Integer errorCode;

    @Column(name = "http_status")
    @Field(name = "http_status", label = "HTTP Status", readonly = true)
    int httpStatus;

    @Field(label = "IP", help = "The client's address after trusted-proxy resolution", readonly = true)
    String ip;

    @Column(name = "user_agent")
    @Field(name = "user_agent", label = "User Agent", readonly = true)
    String userAgent;

    @Column(name = "duration_ms")
    @Field(name = "duration_ms", label = "Duration (ms)", readonly = true)
    long durationMs;

    @Column(name = "response_bytes")
    @Field(name = "response_bytes", label = "Response Size (bytes)", readonly = true)
    long responseBytes;

    @Column(name = "prev_hash")
    @Field(name = "prev_hash", label = "Previous Hash", readonly = true)
    String prevHash;

    @Field(label = "Hash", help = "SHA-256 of the entry and the previous entry's hash", readonly = true)
    String hash;

    protected AuditEntry() {
    }
}
