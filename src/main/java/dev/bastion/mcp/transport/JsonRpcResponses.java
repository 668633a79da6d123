package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * HTTP answers that carry JSON-RPC, never an HTML page; each is serialised once and told to
 * the request's {@link RequestReport}.
 */
final class JsonRpcResponses {

    private JsonRpcResponses() {
    }

    /**
     * The answer to {@code message}, with {@code status}; an insufficient-scope refusal with 403
     * and its {@code WWW-Authenticate} challenge instead, whatever {@code status} says (MCP
     * authorization: the client learns from the header which scope to step up to).
     */
    static HttpAnswer answer(RequestReport report, JsonRpcMessage message, JsonRpcMessage answer, int status) {
        String json = answer.toJson().toString();
        String challenge = null;
        if (answer instanceof JsonRpcMessage.ErrorResponse error && error.data() instanceof JsonObject data
                && McpException.INSUFFICIENT_SCOPE.equals(data.getString("error", null))) {
            status = 403;
            challenge = report.scopeChallenge(data.getString("scope", ""), error.message());
        }
        report.message(message, answer, status, RequestReport.utf8Length(json));
        HttpAnswer response = HttpAnswer.json(status, json);
        return challenge == null ? response : response.header("WWW-Authenticate", challenge);
    }

    /** An error about the request as a whole: its body could not be read as a message. */
    static HttpAnswer failure(RequestReport report, int status, JsonValue id, McpException e) {
        String json = JsonRpcMessage.ErrorResponse.of(id, e).toJson().toString();
        report.answered(e.code(), RequestReport.utf8Length(json));
        return HttpAnswer.json(status, json);
    }

    /** {@code 202 Accepted} for a notification or a client's response: nothing to answer. */
    static HttpAnswer accepted(RequestReport report, JsonRpcMessage message) {
        report.message(message, null, 202, 0);
        return HttpAnswer.empty(202);
    }
}
