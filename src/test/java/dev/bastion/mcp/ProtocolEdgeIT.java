package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets its specific error, and the server keeps serving. */
@ExtendWith(ArquillianExtension.class)
class ProtocolEdgeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.mcp.fixture");
    }

    @ArquillianResource
    URL base;

    private McpHttp mcp;

    @BeforeEach
    void session() throws Exception {
        mcp = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        mcp.initialize("2025-11-25", Json.createObjectBuilder().build());
    }

    @AfterEach
    void stillServing() throws Exception {
        McpHttp fresh = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        fresh.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        Reply ping = fresh.request(99, "ping", null);
        assertEquals(200, ping.status());
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, ping.json().getJsonObject("result"));
    }

    @Test
    void malformedJsonIsParseError() throws Exception {
        Reply reply = mcp.post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        assertEquals(400, reply.status());
        assertEquals(-32700, reply.errorCode());
        assertEquals(JsonValue.NULL, reply.json().get("id"));
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void wrongShapesAreInvalidRequestsEchoingTheId() throws Exception {
        Reply wrongVersion = mcp.post("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");
        assertEquals(400, wrongVersion.status());
        assertEquals(-32600, wrongVersion.errorCode());
        assertEquals(7, wrongVersion.json().getInt("id"));

        Reply scalar = mcp.post("42");
        assertEquals(-32600, scalar.errorCode());

        Reply badParams = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\",\"params\":[1]}");
        assertEquals(-32600, badParams.errorCode());
        assertEquals("a", badParams.json().getString("id"));

        Reply noMethod = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":3}");
        assertEquals(-32600, noMethod.errorCode());
    }

    @Test
    void unknownMethodIsMethodNotFound() throws Exception {
        Reply reply = mcp.request(5, "tools/explode", null);
        assertEquals(200, reply.status());
        assertEquals(-32601, reply.errorCode());
        assertEquals(5, reply.json().getInt("id"));
    }

    @Test
    void invalidParamsAndCursorsAreInvalidParams() throws Exception {
        assertEquals(-32602, mcp.request(1, "tools/call", Json.createObjectBuilder().add("name", 3).build()).errorCode());
        assertEquals(-32602, mcp.request(2, "tools/call",
                Json.createObjectBuilder().add("name", "no_such_tool").build()).errorCode());
        assertEquals(-32602, mcp.request(3, "tools/list",
                Json.createObjectBuilder().add("cursor", "not-ours").build()).errorCode());
        assertEquals(-32602, mcp.request(4, "prompts/get", Json.createObjectBuilder()
                .add("name", "test_prompt_with_arguments").add("arguments",
                        Json.createObjectBuilder().add("arg1", "x")).build()).errorCode());
        assertEquals(-32602, mcp.request(5, "logging/setLevel",
                Json.createObjectBuilder().add("level", "loud").build()).errorCode());
        Reply missing = mcp.request(6, "resources/read", Json.createObjectBuilder().add("uri", "test://nope").build());
        assertEquals(-32002, missing.errorCode());
        assertEquals("test://nope", missing.json().getJsonObject("error").getJsonObject("data").getString("uri"));
    }

    @Test
    void argumentsNotMatchingTheSchemaAreAToolErrorTheModelCanRead() throws Exception {
        Reply reply = mcp.request(1, "tools/call", Json.createObjectBuilder().add("name", "json_schema_2020_12_tool")
                .add("arguments", Json.createObjectBuilder().add("name", "Ada").add("contactMethod", "fax")
                        .add("surprise", true)).build());
        JsonObject result = reply.json().getJsonObject("result");
        assertTrue(result.getBoolean("isError"));
        String text = result.getJsonArray("content").getJsonObject(0).getString("text");
        assertTrue(text.startsWith("Invalid arguments for tool json_schema_2020_12_tool"), text);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}}";
        Reply reply = mcp.post(huge);
        assertEquals(413, reply.status());
        assertEquals(-32600, reply.errorCode());
    }

    @Test
    void sessionHeadersAreChecked() throws Exception {
        Reply missing = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Mcp-Session-Id", "");
        assertEquals(400, missing.status());
        Reply unknown = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Mcp-Session-Id", "feedface");
        assertEquals(404, unknown.status());
        assertEquals(1, unknown.json().getInt("id"));
        Reply badVersion = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
                "MCP-Protocol-Version", "1999-01-01");
        assertEquals(400, badVersion.status());
    }

    @Test
    void requestsBeforeInitializedAreRefused() throws Exception {
        McpHttp early = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        Reply init = early.post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        early.sessionId(init.header("Mcp-Session-Id"));
        assertEquals(-32600, early.request(1, "tools/list", null).errorCode());
        assertEquals(200, early.request(2, "ping", null).status(), "ping is allowed before initialized");
    }

    @Test
    void versionNegotiationAnswersTheLatestForAnUnknownVersion() throws Exception {
        McpHttp future = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        assertEquals("2025-11-25", future.initialize("2099-01-01", JsonValue.EMPTY_JSON_OBJECT).getString("protocolVersion"));
        McpHttp old = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        assertEquals("2025-03-26", old.initialize("2025-03-26", JsonValue.EMPTY_JSON_OBJECT).getString("protocolVersion"));
    }

    @Test
    void hostileOriginIs403() throws Exception {
        Reply reply = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Origin", "http://evil.example.com");
        assertEquals(403, reply.status());
        assertEquals(-32600, reply.errorCode());
    }

    @Test
    void batchesOnlyWhere2025_03_26WasNegotiated() throws Exception {
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}]";
        assertEquals(400, mcp.post(batch).status());

        McpHttp old = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        old.initialize("2025-03-26", JsonValue.EMPTY_JSON_OBJECT);
        Reply reply = old.post(batch);
        assertEquals(200, reply.status());
        JsonArray answers = (JsonArray) reply.jsonStructure();
        assertEquals(2, answers.size());
        assertEquals(List.of(1, 2), answers.stream().map(a -> a.asJsonObject().getInt("id")).toList());
    }

    @Test
    void deleteEndsTheSession() throws Exception {
        assertEquals(204, mcp.send("DELETE", "application/json").status());
        Reply after = mcp.request(1, "ping", null);
        assertEquals(404, after.status());
        assertEquals(404, mcp.send("DELETE", "application/json").status());
    }

    @Test
    void getWithoutEventStreamIsNotAllowed() throws Exception {
        assertEquals(405, mcp.send("GET", "application/json").status());
    }

    @Test
    void jsonAnswersCarryTheirLength() throws Exception {
        Reply reply = mcp.request(1, "tools/call", Json.createObjectBuilder().add("name", "test_simple_text").build());
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        assertEquals(String.valueOf(reply.body().getBytes(StandardCharsets.UTF_8).length), reply.header("Content-Length"),
                "a JSON answer is sent whole with its length, not in chunks");
    }

    @Test
    void toolCallsStreamProgressAsServerSentEvents() throws Exception {
        Reply reply = mcp.request(1, "tools/call", Json.createObjectBuilder().add("name", "test_tool_with_progress")
                .add("_meta", Json.createObjectBuilder().add("progressToken", "p1")).build());
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("text/event-stream"));
        assertEquals("no-cache", reply.header("Cache-Control"));
        assertEquals("no", reply.header("X-Accel-Buffering"));
        List<JsonObject> events = reply.events();
        List<Double> progress = events.stream().filter(e -> "notifications/progress".equals(e.getString("method", "")))
                .map(e -> e.getJsonObject("params").getJsonNumber("progress").doubleValue()).toList();
        assertEquals(List.of(0.0, 50.0, 100.0), progress);
        JsonObject last = events.get(events.size() - 1);
        assertEquals(1, last.getInt("id"));
        assertNotNull(last.getJsonObject("result"));
        assertNotEquals(true, last.getJsonObject("result").getBoolean("isError"));
    }

    @Test
    void brokenStreamsResumeWithLastEventId() throws Exception {
        Reply full = mcp.request(1, "tools/call", Json.createObjectBuilder().add("name", "test_tool_with_progress")
                .add("_meta", Json.createObjectBuilder().add("progressToken", "r1")).build());
        List<String> ids = full.body().lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        assertEquals(5, ids.size(), "priming event, three progress notifications, the response: " + full.body());

        java.net.http.HttpRequest resume = java.net.http.HttpRequest.newBuilder(URI.create(base.toString()).resolve("/mcp"))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", mcp.sessionId())
                .header("MCP-Protocol-Version", "2025-11-25").header("Last-Event-ID", ids.get(1)).GET().build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(resume, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<JsonObject> replayed = new java.util.ArrayList<>();
        java.util.Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: {")) {
                replayed.add(Json.createReader(new java.io.StringReader(line.substring(6))).readObject());
                if (replayed.get(replayed.size() - 1).containsKey("result")) {
                    break;
                }
            }
        }
        response.body().close();
        assertEquals(3, replayed.size(), "the two progress notifications after the last seen one, then the response");
        assertEquals(1, replayed.get(2).getInt("id"));

        Reply unknown = mcp.send("GET", "text/event-stream", "Last-Event-ID", "nope-3");
        assertEquals(404, unknown.status());
    }

    @Test
    void cancelledNotificationStopsTheWork() throws Exception {
        java.util.concurrent.CompletableFuture<Reply> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return mcp.request(42, "tools/call", Json.createObjectBuilder().add("name", "test_cancellable").build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        assertEquals(202, mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":42,\"reason\":\"user gave up\"}}").status());
        JsonObject result = call.get(30, java.util.concurrent.TimeUnit.SECONDS).json().getJsonObject("result");
        assertEquals("cancelled", result.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void subscribersHearOfResourceUpdatesOnTheirStream() throws Exception {
        assertEquals(200, mcp.request(1, "resources/subscribe",
                Json.createObjectBuilder().add("uri", "test://watched-resource").build()).status());
        java.net.http.HttpRequest open = java.net.http.HttpRequest.newBuilder(URI.create(base.toString()).resolve("/mcp"))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", mcp.sessionId())
                .header("MCP-Protocol-Version", "2025-11-25").GET().build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
                .send(open, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        java.util.Iterator<String> lines = stream.body().iterator();
        McpHttp other = new McpHttp(URI.create(base.toString()).resolve("/mcp"));
        other.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        other.request(1, "tools/call", Json.createObjectBuilder().add("name", "test_touch_watched_resource").build());
        JsonObject updated = null;
        while (updated == null && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: {")) {
                updated = Json.createReader(new java.io.StringReader(line.substring(6))).readObject();
            }
        }
        stream.body().close();
        assertNotNull(updated);
        assertEquals("notifications/resources/updated", updated.getString("method"));
        assertEquals("test://watched-resource", updated.getJsonObject("params").getString("uri"));
    }
}
