package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** HTTP answers that carry a JSON-RPC error body, never an HTML page. */
final class JsonRpcResponses {

    private JsonRpcResponses() {
    }

    static Response error(int status, JsonValue id, McpException e) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonRpcMessage.ErrorResponse.of(id, e).toJson().toString()).build();
    }

    static Response error(int status, JsonValue id, int code, String message) {
        return error(status, id, new McpException(code, message));
    }

    static Response json(JsonRpcMessage message) {
        return Response.ok(message.toJson().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
