package dev.bastion.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;

/**
 * Stateless (2026-07-28) {@code tools/call} requests with an API key: one HTTP request per
 * call, no session, as a load balancer would see them. For the tests that start their own
 * server.
 */
public final class ToolCalls {

    private static final String VERSION = "2026-07-28";

    private final McpHttp http;

    public ToolCalls(URI serverBase, String apiKey) {
        this.http = new McpHttp(serverBase.resolve("/mcp"), apiKey);
    }

    /** Calls {@code tool} with {@code arguments} (a JSON object) and returns the raw reply. */
    public McpHttp.Reply call(String tool, String arguments) throws IOException, InterruptedException {
        return call(tool, arguments, new String[0]);
    }

    /** The same, with more request headers ({@code name, value, ...}). */
    public McpHttp.Reply call(String tool, String arguments, String... extraHeaders) throws IOException, InterruptedException {
        JsonObject params = Json.createObjectBuilder().add("name", tool)
                .add("arguments", Json.createReader(new StringReader(arguments)).readObject())
                .add("_meta", Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", VERSION)
                        .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT))
                .build();
        String body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1).add("method", "tools/call")
                .add("params", params).build().toString();
        String[] headers = new String[6 + extraHeaders.length];
        System.arraycopy(new String[] {"MCP-Protocol-Version", VERSION, "Mcp-Method", "tools/call", "Mcp-Name", tool}, 0, headers, 0, 6);
        System.arraycopy(extraHeaders, 0, headers, 6, extraHeaders.length);
        return http.post(body, headers);
    }

    /** The structured result of a call that must succeed; fails with the reply otherwise. */
    public JsonObject success(String tool, String arguments) throws IOException, InterruptedException {
        McpHttp.Reply reply = call(tool, arguments);
        JsonObject result = resultOf(reply);
        if (result == null) {
            throw new AssertionError(tool + " " + arguments + " failed: " + reply.status() + " " + reply.body());
        }
        return result;
    }

    /** The structured content of a successful tool result, or null when the reply is anything else. */
    public static JsonObject resultOf(McpHttp.Reply reply) {
        if (reply.status() != 200) {
            return null;
        }
        JsonObject message = reply.json();
        JsonObject result = message.getJsonObject("result");
        if (result == null || result.getBoolean("isError", false) || !result.containsKey("structuredContent")) {
            return null;
        }
        return result.getJsonObject("structuredContent");
    }
}
