package dev.bastion.mcp.protocol;

import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * One JSON-RPC 2.0 message. Ids are kept as the JSON value the client sent (string or
 * number) so responses echo them exactly.
 */
public sealed interface JsonRpcMessage {

    String VERSION = "2.0";

    /** The message as JSON. */
    JsonObject toJson();

    /** A request: has an id and expects a response. */
    record Request(JsonValue id, String method, JsonObject params) implements JsonRpcMessage {
        @Override
        public JsonObject toJson() {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("jsonrpc", VERSION).add("id", id).add("method", method);
            if (params != null) {
                b.add("params", params);
            }
            return b.build();
        }

        /** The params, or an empty object when absent. */
        public JsonObject paramsOrEmpty() {
            return params == null ? JsonValue.EMPTY_JSON_OBJECT : params;
        }
    }

    /** A notification: no id, no response. */
    record Notification(String method, JsonObject params) implements JsonRpcMessage {
        @Override
        public JsonObject toJson() {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("jsonrpc", VERSION).add("method", method);
            if (params != null) {
                b.add("params", params);
            }
            return b.build();
        }
    }

    /** A successful response. */
    record Response(JsonValue id, JsonObject result) implements JsonRpcMessage {
        @Override
        public JsonObject toJson() {
            return Jsons.createObjectBuilder().add("jsonrpc", VERSION).add("id", id).add("result", result).build();
        }
    }

    /** An error response; the id is JSON null when the request's id could not be read. */
    record ErrorResponse(JsonValue id, int code, String message, JsonValue data) implements JsonRpcMessage {
        public static ErrorResponse of(JsonValue id, McpException e) {
            return new ErrorResponse(id == null ? JsonValue.NULL : id, e.code(), e.getMessage(), e.data());
        }

        @Override
        public JsonObject toJson() {
            JsonObjectBuilder error = Jsons.createObjectBuilder().add("code", code).add("message", message);
            if (data != null) {
                error.add("data", data);
            }
            return Jsons.createObjectBuilder().add("jsonrpc", VERSION).add("id", id).add("error", error).build();
        }
    }
}
