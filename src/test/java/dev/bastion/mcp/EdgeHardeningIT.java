package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.SseEvents;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18 findings 2, 6, 7 and 10 (validator) through HTTP on the shipped WAR, as the demo
 * users: subscriptions follow read rights (when made and on every delivery), loopback checks
 * are exact, malformed input gets its JSON-RPC error and never a 500, and concurrent calls of
 * one key all succeed.
 */
@ExtendWith(ArquillianExtension.class)
class EdgeHardeningIT {

    private static final String ADMIN_KEY = System.getProperty("it.admin.api-key",
            "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz");
    private static final String V2026 = "2026-07-28";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a stream is watched for a notification that must not come, after one that must. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(EdgeHardeningIT.class, McpHttp.class, SseEvents.class,
                DemoUsers.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    DemoUsers demo;

    @Inject
    SettingsService settings;

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    /** The same server through the loopback address, where the DNS-rebinding guard applies. */
    private URI loopbackEndpoint() {
        return URI.create("http://127.0.0.1:" + base.getPort() + "/mcp");
    }

    private static String meta() {
        return "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V2026
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
    }

    /** A stateless 2026-07-28 request with its standard headers. */
    private McpHttp.Reply stateless(String key, String method, String params, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("MCP-Protocol-Version", V2026, "Mcp-Method", method));
        all.addAll(List.of(headers));
        return new McpHttp(endpoint(), key).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                + "\",\"params\":{" + meta() + (params.isEmpty() ? "" : "," + params) + "}}", all.toArray(String[]::new));
    }

    private JsonObject call(String key, String tool, String arguments) throws Exception {
        McpHttp.Reply reply = stateless(key, "tools/call", "\"name\":\"" + tool + "\",\"arguments\":" + arguments,
                "Mcp-Name", tool);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonObject("result");
    }

    private void write(long order, String values) throws Exception {
        JsonObject result = call(ADMIN_KEY, "write", "{\"model\":\"sale.order\",\"ids\":[" + order + "],\"values\":"
                + values + "}");
        assertFalse(result.getBoolean("isError"), result.toString());
    }

    private static String record(long order) {
        return "bastion://record/sale.order/" + order;
    }

    private boolean readable(String key, long order) throws Exception {
        McpHttp.Reply reply = stateless(key, "resources/read", "\"uri\":\"" + record(order) + "\"", "Mcp-Name",
                record(order));
        return reply.status() == 200 && reply.json().containsKey("result");
    }

    private SseEvents listen(String key, long... orders) throws Exception {
        StringBuilder uris = new StringBuilder();
        for (long order : orders) {
            uris.append(uris.isEmpty() ? "" : ",").append('"').append(record(order)).append('"');
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"listen-1\",\"method\":\"subscriptions/listen\",\"params\":{" + meta()
                + ",\"notifications\":{\"resourceSubscriptions\":[" + uris + "]}}}";
        SseEvents events = SseEvents.open(HttpRequest.newBuilder(endpoint()).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", V2026).header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, events.status());
        return events;
    }

    private long ownOrder(String login, int nth) {
        return demo.number("select id from sale_order where user_id = " + demo.id(login) + " order by id offset " + nth
                + " rows fetch next 1 rows only");
    }

    private long foreignOrder(String login) {
        return demo.number("select min(o.id) from sale_order o where o.company_id not in "
                + "(select rc.cid from res_company_users_rel rc where rc.user_id = " + demo.id(login) + ")");
    }

    // ---- finding 2: subscriptions follow read rights ----

    @Test
    void listenHonoursOnlyWhatTheCallerMayRead() throws Exception {
        String us = demo.key("demo.sales.us");
        long hidden = foreignOrder("demo.sales.us");
        long own = ownOrder("demo.sales.us", 0);
        assertFalse(readable(us, hidden), "precondition: the order is not found for demo.sales.us");
        assertTrue(readable(us, own));
        try (SseEvents events = listen(us, hidden, own)) {
            JsonObject ack = events.next(WAIT);
            assertNotNull(ack);
            assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"));
            assertEquals(Json.createArrayBuilder().add(record(own)).build(),
                    ack.getJsonObject("params").getJsonObject("notifications").getJsonArray("resourceSubscriptions"),
                    "only the readable record is honoured: " + ack);
            write(hidden, "{\"note\":\"edge listen hidden\"}");
            write(own, "{\"note\":\"edge listen own\"}");
            JsonObject update = events.next("notifications/resources/updated", WAIT);
            assertNotNull(update, "the readable record's update arrives");
            assertEquals(record(own), update.getJsonObject("params").getString("uri"));
            assertNull(events.next("notifications/resources/updated", QUIET), "nothing about the hidden order");
        }
    }

    @Test
    void listenStopsNotifyingOnceTheCallerLostAccess() throws Exception {
        String us = demo.key("demo.sales.us");
        long order = ownOrder("demo.sales.us", 1);
        long marker = ownOrder("demo.sales.us", 2);
        long salesperson = demo.id("demo.sales.us");
        try (SseEvents events = listen(us, order, marker)) {
            assertNotNull(events.next("notifications/subscriptions/acknowledged", WAIT));
            write(order, "{\"note\":\"edge listen readable\"}");
            assertEquals(record(order), events.next("notifications/resources/updated", WAIT).getJsonObject("params")
                    .getString("uri"));
            try {
                write(order, "{\"user_id\":" + demo.id("demo.manager") + "}");
                assertFalse(readable(us, order), "precondition: reassigned, the order is hidden from demo.sales.us");
                write(order, "{\"note\":\"edge listen hidden now\"}");
                write(marker, "{\"note\":\"edge listen marker\"}");
                JsonObject next = events.next("notifications/resources/updated", WAIT);
                assertNotNull(next);
                assertEquals(record(marker), next.getJsonObject("params").getString("uri"),
                        "no update of the order after access was lost");
                assertNull(events.next("notifications/resources/updated", QUIET));
            } finally {
                write(order, "{\"user_id\":" + salesperson + "}");
            }
        }
    }

    @Test
    void sessionSubscriptionStopsNotifyingOnceTheCallerLostAccess() throws Exception {
        String us = demo.key("demo.sales.us");
        long order = ownOrder("demo.sales.us", 3);
        long marker = ownOrder("demo.sales.us", 4);
        long salesperson = demo.id("demo.sales.us");
        McpHttp session = new McpHttp(endpoint(), us);
        session.initialize("2025-11-25", Json.createObjectBuilder().build());
        long hidden = foreignOrder("demo.sales.us");
        McpHttp.Reply refused = session.request(2, "resources/subscribe", Json.createObjectBuilder()
                .add("uri", record(hidden)).build());
        assertEquals(-32002, refused.errorCode(), "2025 subscribe refuses what the caller cannot read: " + refused.body());
        for (long o : new long[] {order, marker}) {
            assertTrue(session.request(3, "resources/subscribe", Json.createObjectBuilder().add("uri", record(o)).build())
                    .json().containsKey("result"));
        }
        try (SseEvents events = SseEvents.open(HttpRequest.newBuilder(endpoint()).header("Authorization", "Bearer " + us)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session.sessionId())
                .header("MCP-Protocol-Version", "2025-11-25").GET().build())) {
            assertEquals(200, events.status());
            write(order, "{\"note\":\"edge session readable\"}");
            JsonObject first = events.next("notifications/resources/updated", WAIT);
            assertNotNull(first, "the subscribed, readable order's update arrives");
            assertEquals(record(order), first.getJsonObject("params").getString("uri"));
            try {
                write(order, "{\"user_id\":" + demo.id("demo.manager") + "}");
                assertFalse(readable(us, order));
                write(order, "{\"note\":\"edge session hidden now\"}");
                write(marker, "{\"note\":\"edge session marker\"}");
                JsonObject next = events.next("notifications/resources/updated", WAIT);
                assertNotNull(next);
                assertEquals(record(marker), next.getJsonObject("params").getString("uri"),
                        "no update of the order after access was lost");
                assertNull(events.next("notifications/resources/updated", QUIET));
            } finally {
                write(order, "{\"user_id\":" + salesperson + "}");
            }
        }
    }

    // ---- finding 6: loopback checks are exact ----

    @Test
    void originsThatOnlyStartLikeLoopbackAreRefused() throws Exception {
        String key = demo.key("demo.sales.eu");
        McpHttp http = new McpHttp(loopbackEndpoint(), key);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
        McpHttp.Reply local = http.post(ping, "Origin", "http://localhost:" + base.getPort());
        assertEquals(200, local.status(), "a local page on a local server is let in");
        assertEquals("http://localhost:" + base.getPort(), local.header("Access-Control-Allow-Origin"));
        for (String origin : List.of("http://127.0.0.1.evil.example", "http://127.0.0.1.evil.example:" + base.getPort(),
                "http://localhost.evil.example", "http://[::1].evil.example")) {
            McpHttp.Reply reply = http.post(ping, "Origin", origin);
            assertEquals(403, reply.status(), origin + ": " + reply.body());
            assertNull(reply.header("Access-Control-Allow-Origin"), origin);
            HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(loopbackEndpoint())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, preflight.statusCode(), origin);
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), origin);
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").isEmpty(), origin);
        }
    }

    @Test
    void hostsThatOnlyStartLikeLoopbackAreRefusedOnALocalServer() throws Exception {
        String key = demo.key("demo.sales.eu");
        assertEquals(200, rawPost("127.0.0.1:" + base.getPort(), key), "the loopback Host itself passes");
        assertEquals(200, rawPost("localhost:" + base.getPort(), key));
        for (String host : List.of("127.0.0.1.evil.example", "127.0.0.1.evil.example:" + base.getPort(),
                "localhost.evil.example", "127.evil.example")) {
            assertEquals(403, rawPost(host, key), host);
        }
    }

    /** A POST over a socket to the loopback address, with a Host header no HTTP client lets a test set. */
    private int rawPost(String host, String key) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    // ---- finding 7: malformed input gets its JSON-RPC error, never a 500 ----

    private static void jsonRpcError(McpHttp.Reply reply, int code, String what) {
        assertTrue(reply.status() < 500, what + ": HTTP " + reply.status() + " " + reply.body());
        String type = reply.header("Content-Type");
        assertTrue(type != null && (type.startsWith("application/json") || type.startsWith("text/event-stream")),
                what + ": " + type + " " + reply.body());
        assertEquals(code, reply.errorCode(), what + ": " + reply.body());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("at dev.bastion"), what + ": " + reply.body());
    }

    @Test
    void deeplyNestedBodiesAreInvalidRequestsNot500() throws Exception {
        String key = demo.key("demo.sales.eu");
        String deep = "[".repeat(1200) + "]".repeat(1200);
        jsonRpcError(new McpHttp(endpoint(), key).post(deep), -32600, "1200 nested arrays");
        String deepParams = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{" + meta()
                + ",\"name\":\"count\",\"arguments\":{\"model\":\"res.partner\",\"domain\":" + "[".repeat(1200)
                + "]".repeat(1200) + "}}}";
        jsonRpcError(new McpHttp(endpoint(), key).post(deepParams, "MCP-Protocol-Version", V2026, "Mcp-Method",
                "tools/call", "Mcp-Name", "count"), -32600, "1200 nested arrays in a stateless call");
        McpHttp session = new McpHttp(endpoint(), key);
        session.initialize("2025-11-25", Json.createObjectBuilder().build());
        jsonRpcError(session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                + "\"arguments\":{\"model\":\"res.partner\",\"domain\":" + "{\"a\":".repeat(1200) + "1" + "}".repeat(1200)
                + "}}}"), -32600, "1200 nested objects in a session");
        String shallow = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                + "\"arguments\":{\"model\":\"res.partner\",\"domain\":[\"!\",[\"name\",\"=\",\"[[[[{{\\\"\"]]}}}";
        assertEquals(200, session.post(shallow).status(), "brackets inside strings do not count");
    }

    @Test
    void listenWithWrongTypesIsInvalidParams() throws Exception {
        String key = demo.key("demo.sales.eu");
        for (String filter : List.of("{\"resourceSubscriptions\":[1,2]}", "{\"resourceSubscriptions\":\"bastion://system\"}",
                "{\"toolsListChanged\":\"yes\"}", "[]", "7")) {
            jsonRpcError(stateless(key, "subscriptions/listen", "\"notifications\":" + filter), -32602, filter);
        }
    }

    @Test
    void completionAnswersEveryWellFormedQuestionAndRefusesWrongTypes() throws Exception {
        String key = demo.key("demo.manager");
        for (String model : List.of("account.payment", "mcp.model.override", "res.partner", "no.such.model")) {
            McpHttp.Reply reply = stateless(key, "completion/complete", "\"ref\":{\"type\":\"ref/resource\",\"uri\":"
                    + "\"bastion://record/{model}/{id}\"},\"argument\":{\"name\":\"id\",\"value\":\"1\"},"
                    + "\"context\":{\"arguments\":{\"model\":\"" + model + "\"}}");
            assertEquals(200, reply.status(), model + ": " + reply.body());
            assertTrue(reply.json().getJsonObject("result").getJsonObject("completion").containsKey("values"),
                    model + ": " + reply.body());
        }
        for (String params : List.of("\"ref\":\"x\",\"argument\":5",
                "\"ref\":{\"type\":\"ref/resource\",\"uri\":7},\"argument\":{\"name\":\"id\",\"value\":\"1\"}",
                "\"ref\":{\"type\":\"ref/prompt\",\"name\":\"customer_360\"},\"argument\":{\"name\":[\"x\"]}",
                "\"ref\":{\"type\":\"ref/prompt\",\"name\":\"customer_360\"},\"argument\":{\"name\":\"x\",\"value\":1}",
                "\"ref\":{\"type\":5},\"argument\":{\"name\":\"x\"}",
                "\"ref\":{\"type\":\"ref/resource\",\"uri\":\"bastion://record/{model}/{id}\"},"
                        + "\"argument\":{\"name\":\"id\",\"value\":\"\"},\"context\":\"model\"",
                "\"ref\":{\"type\":\"ref/resource\",\"uri\":\"bastion://record/{model}/{id}\"},"
                        + "\"argument\":{\"name\":\"id\",\"value\":\"\"},\"context\":{\"arguments\":{\"model\":3}}",
                "\"argument\":{\"name\":\"x\"}")) {
            jsonRpcError(stateless(key, "completion/complete", params), -32602, params);
        }
        McpHttp session = new McpHttp(endpoint(), key);
        session.initialize("2025-11-25", Json.createObjectBuilder().build());
        jsonRpcError(session.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"completion/complete\",\"params\":"
                + "{\"ref\":[],\"argument\":{}}}"), -32602, "session completion with an array ref");
        jsonRpcError(session.post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\",\"params\":{\"_meta\":\"x\"}}"),
                -32602, "_meta that is not an object");
    }

    // ---- finding 10 (validator half): concurrent calls of one key ----

    @Test
    void concurrentCallsOfOneKeyAllSucceed() throws Exception {
        String key = demo.key("demo.sales.eu");
        settings.set(SettingKey.RATE_LIMIT_PER_MINUTE, "0", "EdgeHardeningIT");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                clients.add(() -> {
                    List<String> failures = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        McpHttp.Reply reply = stateless(key, "tools/call", "\"name\":\"count\",\"arguments\":"
                                + "{\"model\":\"res.partner\",\"domain\":[[\"id\",\">\"," + i + "]]}", "Mcp-Name", "count");
                        if (reply.status() != 200 || !reply.json().containsKey("result")
                                || reply.json().getJsonObject("result").getBoolean("isError", false)) {
                            failures.add(reply.status() + " " + reply.body());
                        }
                    }
                    return failures;
                });
            }
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> f : pool.invokeAll(clients)) {
                failures.addAll(f.get());
            }
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
            settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        }
    }
}
