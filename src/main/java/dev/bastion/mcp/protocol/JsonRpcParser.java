package dev.bastion.mcp.protocol;

import dev.bastion.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/** Reads JSON-RPC messages strictly: anything that is not one is a specific error. */
public final class JsonRpcParser {

    /**
     * How deep arrays and objects may nest in one message. MCP messages need a handful of
     * levels (a domain in the arguments of a call in a batch is about eight); the parser, the
     * schema validator and the engine all recurse per level, so deeper input is refused before
     * any of them sees it.
     */
    public static final int MAX_DEPTH = 64;

    private JsonRpcParser() {
    }

    /**
     * Parses a body into a JSON object or array.
     *
     * @throws McpException -32700 when the text is not JSON, -32600 when it is a scalar or
     *                      nests deeper than {@link #MAX_DEPTH}
     */
    public static JsonStructure parseBody(String body) {
        if (body == null || body.isBlank()) {
            throw new McpException(ErrorCode.PARSE_ERROR, "Parse error: the request body is empty");
        }
        if (depthExceeds(body, MAX_DEPTH)) {
            throw McpException.invalidRequest("Invalid Request: JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw new McpException(ErrorCode.PARSE_ERROR, "Parse error: " + e.getMessage());
        } catch (JsonException e) {
            throw new McpException(ErrorCode.INVALID_REQUEST,
                    "Invalid Request: a JSON-RPC message must be a JSON object");
        }
    }

    /**
     * Whether brackets outside strings nest deeper than {@code max}: one pass over the text,
     * so that no recursive reader is ever handed input that would exhaust it.
     */
    static boolean depthExceeds(String text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    /**
     * One message from a JSON value.
     *
     * @throws McpException -32600 naming what is wrong with its shape
     */
    public static JsonRpcMessage message(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpException.invalidRequest("Invalid Request: a JSON-RPC message must be a JSON object");
        }
        JsonObject o = value.asJsonObject();
        if (!"2.0".equals(stringOrNull(o, "jsonrpc"))) {
            throw McpException.invalidRequest("Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        JsonValue id = o.get("id");
        if (id != null && id.getValueType() != JsonValue.ValueType.STRING
                && id.getValueType() != JsonValue.ValueType.NUMBER) {
            throw McpException.invalidRequest("Invalid Request: \"id\" must be a string or a number");
        }
        if (o.containsKey("method")) {
            if (o.get("method").getValueType() != JsonValue.ValueType.STRING) {
                throw McpException.invalidRequest("Invalid Request: \"method\" must be a string");
            }
            JsonValue params = o.get("params");
            if (params != null && params.getValueType() != JsonValue.ValueType.OBJECT) {
                throw McpException.invalidRequest("Invalid Request: \"params\" must be an object");
            }
            JsonObject p = params == null ? null : params.asJsonObject();
            String method = o.getString("method");
            return id == null ? new JsonRpcMessage.Notification(method, p) : new JsonRpcMessage.Request(id, method, p);
        }
        if (id != null && o.containsKey("result") && o.get("result").getValueType() == JsonValue.ValueType.OBJECT) {
            return new JsonRpcMessage.Response(id, o.getJsonObject("result"));
        }
        if (o.containsKey("error") && o.get("error").getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject error = o.getJsonObject("error");
            if (!error.containsKey("code") || error.get("code").getValueType() != JsonValue.ValueType.NUMBER) {
                throw McpException.invalidRequest("Invalid Request: \"error.code\" must be a number");
            }
            return new JsonRpcMessage.ErrorResponse(id == null ? JsonValue.NULL : id, error.getInt("code"),
                    error.getString("message", ""), error.get("data"));
        }
        throw McpException.invalidRequest(
                "Invalid Request: a message needs \"method\" (request or notification) or \"result\"/\"error\" (response)");
    }

    /** The id of a message-like object, for echoing it in an error about that message. */
    public static JsonValue idOf(JsonValue value) {
        if (value instanceof JsonObject o) {
            JsonValue id = o.get("id");
            if (id != null && (id.getValueType() == JsonValue.ValueType.STRING
                    || id.getValueType() == JsonValue.ValueType.NUMBER)) {
                return id;
            }
        }
        return JsonValue.NULL;
    }

    private static String stringOrNull(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof jakarta.json.JsonString s ? s.getString() : null;
    }
}
