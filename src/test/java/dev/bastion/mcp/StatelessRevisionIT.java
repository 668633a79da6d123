package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 2026-07-28 stateless requests beside the stateful revisions on the same {@code /mcp}. */
@ExtendWith(ArquillianExtension.class)
class StatelessRevisionIT {

    private static final String VERSION = "2026-07-28";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.mcp.fixture");
    }

    @ArquillianResource
    URL base;

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    private static String body(Object id, String method, JsonObjectBuilder params) {
        JsonObjectBuilder p = params == null ? Json.createObjectBuilder() : params;
        p.add("_meta", Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", VERSION)
                .add("io.modelcontextprotocol/clientCapabilities",
                        Json.createObjectBuilder().add("elicitation", JsonValue.EMPTY_JSON_OBJECT)));
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", String.valueOf(id)).add("method", method)
                .add("params", p).build().toString();
    }

    private Reply stateless(String method, String name, JsonObjectBuilder params) throws Exception {
        McpHttp http = new McpHttp(endpoint());
        List<String> headers = new ArrayList<>(List.of("MCP-Protocol-Version", VERSION, "Mcp-Method", method));
        if (name != null) {
            headers.addAll(List.of("Mcp-Name", name));
        }
        return http.post(body(method, method, params), headers.toArray(String[]::new));
    }

    @Test
    void discoverNamesVersionsCapabilitiesAndServer() throws Exception {
        Reply reply = stateless("server/discover", null, null);
        assertEquals(200, reply.status());
        assertNull(reply.header("Mcp-Session-Id"), "stateless requests create no session");
        JsonObject result = reply.json().getJsonObject("result");
        assertEquals("complete", result.getString("resultType"));
        assertTrue(result.getJsonArray("supportedVersions").contains(Json.createValue(VERSION)));
        assertTrue(result.getJsonObject("capabilities").containsKey("tools"));
        assertEquals("bastion", result.getJsonObject("_meta")
                .getJsonObject("io.modelcontextprotocol/serverInfo").getString("name"));
        assertTrue(result.getJsonNumber("ttlMs").longValue() >= 0);
    }

    @Test
    void removedAndUnknownMethodsAre404() throws Exception {
        for (String method : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "nope/nope")) {
            Reply reply = stateless(method, null, null);
            assertEquals(404, reply.status(), method);
            assertEquals(-32601, reply.errorCode(), method);
            assertEquals(method, reply.json().getString("id"), "the error echoes the id");
        }
    }

    @Test
    void headerMustAgreeWithTheBody() throws Exception {
        McpHttp http = new McpHttp(endpoint());
        Reply wrongMethod = http.post(body(1, "tools/list", null), "MCP-Protocol-Version", VERSION,
                "Mcp-Method", "prompts/list");
        assertEquals(400, wrongMethod.status());
        assertEquals(-32020, wrongMethod.errorCode());
        Reply unsupported = http.post(body(2, "tools/list", null).replace(VERSION, "2031-01-01"),
                "MCP-Protocol-Version", "2031-01-01", "Mcp-Method", "tools/list");
        assertEquals(400, unsupported.status());
        assertEquals(-32022, unsupported.errorCode());
        assertEquals("2031-01-01", unsupported.json().getJsonObject("error").getJsonObject("data").getString("requested"));
    }

    @Test
    void requestStateIsBoundAndSigned() throws Exception {
        Reply first = stateless("tools/call", "test_input_required_result_request_state",
                Json.createObjectBuilder().add("name", "test_input_required_result_request_state"));
        JsonObject interim = first.json().getJsonObject("result");
        assertEquals("input_required", interim.getString("resultType"));
        String state = interim.getString("requestState");
        Reply forged = stateless("tools/call", "test_input_required_result_request_state",
                Json.createObjectBuilder().add("name", "test_input_required_result_request_state")
                        .add("requestState", state.substring(0, state.length() - 2) + "xx"));
        assertEquals(-32602, forged.errorCode());
        Reply retried = stateless("tools/call", "test_input_required_result_request_state",
                Json.createObjectBuilder().add("name", "test_input_required_result_request_state")
                        .add("requestState", state).add("inputResponses", Json.createObjectBuilder()
                                .add("confirm", Json.createObjectBuilder().add("action", "accept")
                                        .add("content", Json.createObjectBuilder().add("ok", true)))));
        JsonObject done = retried.json().getJsonObject("result");
        assertEquals("complete", done.getString("resultType"));
        assertTrue(done.getJsonArray("content").getJsonObject(0).getString("text").contains("state-ok"));
    }

    /** A stateful 2025-11-25 session and stateless requests interleaved, each answered in its own revision. */
    @Test
    void mixedRevisionsAtTheSameTime() throws Exception {
        McpHttp session = new McpHttp(endpoint());
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                work.add(() -> {
                    JsonObject result = session.request(1, "tools/list", null).json().getJsonObject("result");
                    return !result.containsKey("resultType") && result.getJsonArray("tools").size() > 0;
                });
                work.add(() -> {
                    Reply reply = stateless("tools/list", null, null);
                    JsonObject result = reply.json().getJsonObject("result");
                    return reply.header("Mcp-Session-Id") == null && "complete".equals(result.getString("resultType"))
                            && result.containsKey("cacheScope");
                });
            }
            for (Future<Boolean> outcome : pool.invokeAll(work)) {
                assertTrue(outcome.get(), "each request got its own revision's answer");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, session.request(2, "ping", null).status(), "the session survived");
    }

    /** A change made by another client (a stateful session here) reaches an open listen stream. */
    @Test
    void listenStreamHearsChangesMadeElsewhere() throws Exception {
        String listen = body(77, "subscriptions/listen", Json.createObjectBuilder()
                .add("notifications", Json.createObjectBuilder().add("toolsListChanged", true)));
        HttpRequest request = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", VERSION).header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(listen)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Iterator<String> lines = response.body().iterator();
        JsonObject ack = nextMessage(lines);
        assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"));
        assertEquals("77", ack.getJsonObject("params").getJsonObject("_meta")
                .getString("io.modelcontextprotocol/subscriptionId"));

        McpHttp other = new McpHttp(endpoint());
        other.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        other.request(1, "tools/call", Json.createObjectBuilder().add("name", "test_trigger_tool_change").build());

        JsonObject changed = nextMessage(lines);
        assertEquals("notifications/tools/list_changed", changed.getString("method"));
        assertEquals("77", changed.getJsonObject("params").getJsonObject("_meta")
                .getString("io.modelcontextprotocol/subscriptionId"));
        response.body().close();
    }

    private static JsonObject nextMessage(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: {")) {
                try (JsonReader reader = Json.createReader(new StringReader(line.substring(6)))) {
                    return reader.readObject();
                }
            }
        }
        assertFalse(true, "the stream ended");
        return null;
    }
}
