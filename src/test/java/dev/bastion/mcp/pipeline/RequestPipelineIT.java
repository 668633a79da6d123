package dev.bastion.mcp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.access.fixture.AccessWorld;
import dev.bastion.mcp.pipeline.fixture.CompletedRequests;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestCompleted.Outcome;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request path: one caller per request whose caches follow every change on the very next
 * request, one {@link RequestCompleted} per message or refused request, JSON answers unless the
 * work streams, and the GET stream's rules. Runs in the container to count the events.
 */
@ExtendWith(ArquillianExtension.class)
class RequestPipelineIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.access.fixture")
                .addPackage("dev.bastion.mcp.pipeline.fixture").addClasses(RequestPipelineIT.class, McpHttp.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AccessWorld fixture;

    @Inject
    CompletedRequests completed;

    @Inject
    SettingsService settings;

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    private McpHttp client(String key) {
        return new McpHttp(endpoint(), key);
    }

    private static String adminKey() {
        return System.getProperty("bastion.admin.api-key");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    private static JsonObject callParams(String tool, String arguments) {
        return Json.createObjectBuilder().add("name", tool).add("arguments", json(arguments)).build();
    }

    /** Calls a tool as {@code session}'s user and returns its structured result; fails on a tool error. */
    private static JsonObject call(McpHttp session, String tool, String arguments) throws Exception {
        Reply reply = session.request(7, "tools/call", callParams(tool, arguments));
        JsonObject result = reply.json().getJsonObject("result");
        assertNotNull(result, reply.body());
        assertEquals(JsonValue.FALSE, result.get("isError"), reply.body());
        return result.getJsonObject("structuredContent");
    }

    private McpHttp session(String key) throws Exception {
        McpHttp session = client(key);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        return session;
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"ping\"}";

    @Test
    void aRevokedKeyAnArchivedUserAndChangedGroupsCountOnTheVeryNextRequest() throws Exception {
        AccessWorld.World w = fixture.world();
        McpHttp admin = session(adminKey());

        McpHttp viewer = session(w.key("viewer"));
        assertEquals(200, viewer.post(PING).status(), "the key works (and is now remembered)");
        long keyId = call(admin, "search", "{\"model\":\"res.users.apikeys\",\"domain\":[[\"user_id\",\"=\","
                + w.user("viewer") + "]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getInt("id");
        call(admin, "method_call", "{\"model\":\"res.users.apikeys\",\"method\":\"action_revoke\",\"ids\":[" + keyId + "]}");
        assertEquals(401, viewer.post(PING).status(), "revoked: refused on the next request");

        McpHttp salesB = session(w.key("sales_b"));
        assertEquals(200, salesB.post(PING).status());
        call(admin, "write", "{\"model\":\"res.users\",\"ids\":[" + w.user("sales_b") + "],\"values\":{\"active\":false}}");
        assertEquals(401, salesB.post(PING).status(), "archived: refused on the next request");

        McpHttp salesA2 = session(w.key("sales_a2"));
        assertTrue(call(salesA2, "count", "{\"model\":\"sale.order\"}").getInt("count") >= 0);
        long salesman = call(admin, "search", "{\"model\":\"res.groups\",\"domain\":[[\"xml_id\",\"=\","
                + "\"sales.group_sale_salesman\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getInt("id");
        call(admin, "write", "{\"model\":\"res.users\",\"ids\":[" + w.user("sales_a2") + "],\"values\":{\"groups_id\":[[3,"
                + salesman + "]]}}");
        Reply narrowed = salesA2.request(8, "tools/call", callParams("count", "{\"model\":\"sale.order\"}"));
        assertEquals(JsonValue.TRUE, narrowed.json().getJsonObject("result").get("isError"),
                "without the salesman group the next call may not read orders: " + narrowed.body());
        long mcpUser = call(admin, "search", "{\"model\":\"res.groups\",\"domain\":[[\"xml_id\",\"=\","
                + "\"base.group_mcp_user\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getInt("id");
        call(admin, "write", "{\"model\":\"res.users\",\"ids\":[" + w.user("sales_a2") + "],\"values\":{\"groups_id\":[[3,"
                + mcpUser + "]]}}");
        assertEquals(403, salesA2.post(PING).status(), "out of the MCP groups: forbidden on the next request");
    }

    @Test
    void everyKindOfRequestEndsInExactlyOneEvent() throws Exception {
        AccessWorld.World w = fixture.world();
        String key = w.key("manager");

        int start = completed.count();
        McpHttp session = client(key);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        List<RequestCompleted> events = completed.since(start, 2);
        assertEquals(2, events.size(), events.toString());
        assertEquals("initialize", events.get(0).method());
        assertEquals(Outcome.OK, events.get(0).outcome());
        assertEquals("2025-11-25", events.get(0).revision());
        assertEquals("bastion-it", events.get(0).clientName());
        assertEquals(session.sessionId(), events.get(0).sessionId());
        assertEquals("notifications/initialized", events.get(1).method());
        assertEquals(202, events.get(1).httpStatus());

        RequestCompleted count = one(() -> session.request("c1", "tools/call", callParams("count", "{\"model\":\"res.partner\"}")),
                Outcome.OK, 200);
        assertEquals("tools/call", count.method());
        assertEquals("\"c1\"", count.requestId());
        assertEquals("count", count.target());
        assertEquals(w.login("manager"), count.caller().name());
        assertEquals(w.user("manager"), count.caller().userId());
        assertNotNull(count.caller().apiKeyPrefix());
        assertTrue(count.responseBytes() > 20, count.toString());

        one(() -> session.request(2, "tools/call", callParams("count", "{\"model\":\"no.such.model\"}")), Outcome.TOOL_ERROR, 200);
        RequestCompleted unknown = one(() -> session.request(3, "no/such/method", null), Outcome.RPC_ERROR, 200);
        assertEquals(-32601, unknown.errorCode());
        RequestCompleted malformed = one(() -> session.post("{\"jsonrpc\":"), Outcome.RPC_ERROR, 400);
        assertEquals(-32700, malformed.errorCode());
        one(() -> session.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"" + "a".repeat(5 << 20) + "\"}"),
                Outcome.TOO_LARGE, 413);
        RequestCompleted noSession = one(() -> client(key).post(PING), Outcome.RPC_ERROR, 400);
        assertEquals("ping", noSession.method());

        RequestCompleted unauthorized = one(() -> client(null).post(PING), Outcome.UNAUTHORIZED, 401);
        assertNull(unauthorized.caller());
        one(() -> client("bst_wrong-key-0123456789abcdefghijklmnopqrstuvw").post(PING), Outcome.UNAUTHORIZED, 401);
        one(() -> client(w.key("outsider")).post(PING), Outcome.FORBIDDEN, 403);
        one(() -> session.post(PING, "Origin", "https://evil.example"), Outcome.FORBIDDEN, 403);
        withSettings(SettingKey.RATE_LIMIT_PER_MINUTE, "1", () -> {
            McpHttp limited = client(w.key("sales_a"));
            limited.post(PING);
            int from = completed.count();
            Reply refused = limited.post(PING);
            assertEquals(429, refused.status());
            assertEquals(41, refused.json().getInt("id"), "the refusal answers the request it refuses: " + refused.body());
            assertEquals(Outcome.RATE_LIMITED, completed.since(from, 1).get(0).outcome());
        });
        withSettings(SettingKey.IP_FILTER_MODE, "deny", () -> withSettings(SettingKey.IP_FILTER_CIDRS, "0.0.0.0/0, ::/0", () ->
                one(() -> session.post(PING), Outcome.IP_REFUSED, 403)));

        one(() -> session.send("DELETE", "*/*"), Outcome.OK, 204);

        McpHttp stateless = client(key);
        RequestCompleted statelessCall = one(() -> stateless.post(STATELESS_COUNT, "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "tools/call", "Mcp-Name", "count"), Outcome.OK, 200);
        assertEquals("2026-07-28", statelessCall.revision());
        assertNull(statelessCall.sessionId());
        assertEquals("stateless-it", statelessCall.clientName());

        McpHttp batchSession = client(key);
        batchSession.initialize("2025-03-26", JsonValue.EMPTY_JSON_OBJECT);
        int before = completed.count();
        Reply batch = batchSession.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}},42]");
        assertEquals(200, batch.status(), batch.body());
        List<RequestCompleted> items = completed.since(before, 3);
        assertEquals(3, items.size(), "one event per message of a batch: " + items);
        assertEquals(Outcome.RPC_ERROR, items.get(2).outcome());
    }

    private static final String STATELESS_COUNT = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"count\",\"arguments\":{\"model\":\"res.partner\"},\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"stateless-it\",\"version\":\"1\"}}}}";

    @Test
    void concurrentClientsLeaveOneEventPerRequest() throws Exception {
        AccessWorld.World w = fixture.world();
        List<McpHttp> sessions = new ArrayList<>();
        for (String role : List.of("manager", "sales_a")) {
            sessions.add(session(w.key(role)));
        }
        int threads = 16;
        int perThread = 25;
        int start = completed.count();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> failures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                McpHttp session = sessions.get(t % sessions.size());
                int thread = t;
                failures.add(pool.submit(() -> {
                    int failed = 0;
                    for (int i = 0; i < perThread; i++) {
                        Reply reply = switch ((thread + i) % 3) {
                            case 0 -> session.post(PING);
                            case 1 -> session.request(i, "tools/call", callParams("count", "{\"model\":\"res.partner\"}"));
                            // Without a key: refused, but not counted toward the lockout of this address.
                            default -> client(null).post(PING);
                        };
                        if (reply.status() >= 500) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            for (Future<Integer> f : failures) {
                assertEquals(0, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, completed.since(start, threads * perThread).size());
    }

    @Test
    void toolCallsAnswerJsonUnlessTheWorkStreams() throws Exception {
        McpHttp session = session(fixture.world().key("manager"));
        Reply reply = session.request(1, "tools/call", callParams("count", "{\"model\":\"res.partner\"}"));
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"),
                "a call that sends nothing before its result is answered as JSON even when SSE is accepted: " + reply);
    }

    @Test
    void theGetStreamOpensForEveryAcceptOrderAndClosesWithItsSession() throws Exception {
        String key = fixture.world().key("manager");
        McpHttp session = session(key);
        // HTTP/1.1 as the SDK clients speak it: each stream on a connection of its own.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String accept : List.of("application/json, text/event-stream", "text/event-stream, application/json")) {
            HttpResponse<InputStream> stream = http.send(get(session, key, accept), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode(), accept);
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), accept);
            stream.body().close();
        }
        assertEquals(405, http.send(get(session, key, "application/json"), HttpResponse.BodyHandlers.discarding()).statusCode());

        HttpResponse<InputStream> open = http.send(get(session, key, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, open.statusCode());
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try (InputStream in = open.body()) {
                in.readAllBytes();
            } catch (java.io.IOException e) {
                // a reset connection ends the stream too
            }
        });
        assertEquals(204, session.send("DELETE", "*/*").status());
        ended.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theLegacyMessageEndpointHasTheBodyLimitAndEventsOfMcp() throws Exception {
        String key = fixture.world().key("manager");
        HttpClient http = HttpClient.newHttpClient();
        int opened = completed.count();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(endpoint()).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("data: /mcp/message"));
            assertNotNull(line, "the endpoint event");
            URI messages = endpoint().resolve(line.substring("data: ".length()));
            HttpResponse<String> large = http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"" + "a".repeat(5 << 20) + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, large.statusCode(), large.body());
            List<RequestCompleted> getAndLarge = completed.since(opened, 2);
            assertEquals(List.of("GET", "POST"), getAndLarge.stream().map(RequestCompleted::method).sorted().toList());
            assertEquals(1, getAndLarge.stream().filter(e -> e.outcome() == Outcome.TOO_LARGE).count(), getAndLarge.toString());

            int from = completed.count();
            HttpResponse<String> initialize = http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                    + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"legacy-it\",\"version\":\"1\"}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, initialize.statusCode());
            List<RequestCompleted> events = completed.since(from, 1);
            assertEquals(1, events.size(), events.toString());
            assertEquals("initialize", events.get(0).method());
            assertEquals("2024-11-05", events.get(0).revision());
            assertEquals("legacy-it", events.get(0).clientName());
        }
    }

    private HttpRequest get(McpHttp session, String key, String accept) {
        return HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(30)).header("Accept", accept)
                .header("Authorization", "Bearer " + key)
                .header("Mcp-Session-Id", session.sessionId()).header("MCP-Protocol-Version", "2025-11-25").GET().build();
    }

    /** A request whose reply has {@code status}, and its one event, which has {@code outcome}. */
    private RequestCompleted one(Request request, Outcome outcome, int status) throws Exception {
        int from = completed.count();
        Reply reply = request.send();
        assertEquals(status, reply.status(), reply.body());
        List<RequestCompleted> events = completed.since(from, 1);
        assertEquals(1, events.size(), "exactly one event for " + reply + ": " + events);
        assertEquals(outcome, events.get(0).outcome(), events.get(0).toString());
        assertEquals(status, events.get(0).httpStatus(), events.get(0).toString());
        return events.get(0);
    }

    @FunctionalInterface
    private interface Request {
        Reply send() throws Exception;
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void withSettings(SettingKey key, String value, Body body) throws Exception {
        settings.set(key, value, "RequestPipelineIT");
        try {
            body.run();
        } finally {
            settings.reset(key, "it");
        }
    }
}
