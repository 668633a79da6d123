package dev.bastion.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import dev.bastion.testing.SseEvents;
import dev.bastion.testing.TestCluster;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sessions of the stateful revisions on two real nodes (Payara Micro processes clustered over
 * loopback, one PostgreSQL) behind nginx balancing round-robin without stickiness: a session
 * opened on one node continues on the other request after request, a legacy HTTP+SSE client
 * whose POSTs land on either node hears every answer on its stream, a DELETE on one node closes
 * the stream the other holds, a cancellation or a client's answer posted to one node reaches the
 * request running on the other; and {@code kill -9} of a node while 20 clients write loses
 * nothing they saw acknowledged, while they carry on, sessions and all, on the surviving node.
 * One cluster for the class; the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionsAcrossNodesIT {

    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final String REVISION = "2025-11-25";
    private static final String SCHEMA = "sessions_cluster_it";
    private static final int WRITERS = 20;

    private static TestCluster cluster;
    private static String key;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeFalse(ItDatabase.isH2(), "two nodes share one PostgreSQL: the PostgreSQL phase only");
        key = System.getProperty("it.admin.api-key");
        Path dataDir = Files.createDirectories(Path.of("target", "it-data", "sessions-cluster-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(ItDatabase.environmentWithOwnSchema(dataDir, SCHEMA,
                ItDatabase.host(), ItDatabase.port()));
        env.put("BASTION_ADMIN_API_KEY", key);
        env.put("BASTION_RATE_LIMIT_PER_MINUTE", "0");
        env.put("BASTION_DEMO_DATA", "false");
        cluster = TestCluster.start(2, 2, env, BOOT);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static URI mcp(URI base) {
        return base.resolve("/mcp");
    }

    private static URI nodeA() {
        return cluster.node(0).baseUri();
    }

    private static URI nodeB() {
        return cluster.node(1).baseUri();
    }

    /** The same session as a client that reaches node {@code base}. */
    private static McpHttp on(URI base, McpHttp session) {
        McpHttp client = new McpHttp(mcp(base), key);
        client.sessionId(session.sessionId());
        return client;
    }

    private static McpHttp initialized(URI base, JsonObject capabilities) throws Exception {
        McpHttp client = new McpHttp(mcp(base), key);
        client.initialize(REVISION, capabilities, "sessions-across-nodes-it");
        return client;
    }

    private static Reply call(McpHttp client, Object id, String tool, String arguments) throws Exception {
        return client.request(id, "tools/call", Json.createObjectBuilder().add("name", tool)
                .add("arguments", Json.createReader(new StringReader(arguments)).readObject()).build());
    }

    private static JsonObject structured(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonObject result = reply.json().getJsonObject("result");
        assertNotNull(result, reply.body());
        assertFalse(result.getBoolean("isError", false), reply.body());
        return result.getJsonObject("structuredContent");
    }

    private static JsonObject listed(String sessionId) throws Exception {
        McpHttp admin = initialized(nodeB(), JsonValue.EMPTY_JSON_OBJECT);
        return structured(call(admin, 1, "list_sessions", "{}")).getJsonArray("sessions").stream()
                .map(JsonValue::asJsonObject).filter(s -> s.getString("id").equals(sessionId)).findFirst().orElse(null);
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }

    @Test
    @Order(1)
    void aSessionOpenedOnOneNodeContinuesOnTheOtherRequestAfterRequest() throws Exception {
        McpHttp onA = initialized(nodeA(), JsonValue.EMPTY_JSON_OBJECT);
        McpHttp onB = on(nodeB(), onA);
        assertEquals(200, onB.request(1, "logging/setLevel", Json.createObjectBuilder().add("level", "error").build()).status());
        for (int i = 0; i < 6; i++) {
            McpHttp client = i % 2 == 0 ? onA : onB;
            Reply tools = client.request(10 + i, "tools/list", null);
            assertEquals(200, tools.status(), "request " + i + " on node " + (i % 2 == 0 ? "a" : "b") + ": " + tools.body());
            assertTrue(tools.json().getJsonObject("result").getJsonArray("tools").size() > 5);
            structured(call(client, 20 + i, "list_companies", "{}"));
        }
        JsonObject session = listed(onA.sessionId());
        assertNotNull(session, "every node lists the session");
        // Node b, where the list runs, counts its 7 at once; node a's reach the grid at its next write of the session.
        assertTrue(session.getInt("requests") >= 7, "requests count: " + session);

        // The official Java SDK client through the round-robin: every other request lands on the other node.
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(cluster.front().toString())
                .endpoint("/mcp").requestBuilder(authorized(cluster.front())).build();
        try (McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("java-sdk-cluster-it", "1"))
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            assertEquals("bastion", client.initialize().serverInfo().name());
            for (int i = 0; i < 10; i++) {
                assertFalse(client.listTools().tools().isEmpty());
                assertFalse(Boolean.TRUE.equals(client.callTool(new McpSchema.CallToolRequest("list_companies", Map.of())).isError()));
            }
        }
    }

    @Test
    @Order(2)
    void aLegacySseClientHearsEveryAnswerWhicheverNodeItsPostsLandOn() throws Exception {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(cluster.front().toString())
                .sseEndpoint("/mcp").requestBuilder(authorized(cluster.front())).build();
        try (McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("java-sdk-sse-cluster-it", "1"))
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            assertEquals("2024-11-05", client.initialize().protocolVersion());
            for (int i = 0; i < 10; i++) {
                assertFalse(client.listTools().tools().isEmpty(), "request " + i);
                McpSchema.CallToolResult companies = client.callTool(new McpSchema.CallToolRequest("list_companies", Map.of()));
                assertFalse(Boolean.TRUE.equals(companies.isError()), "request " + i + ": " + companies);
            }
            client.ping();
        }
    }

    @Test
    @Order(3)
    void deleteOnOneNodeClosesTheStreamTheOtherHolds() throws Exception {
        McpHttp onA = initialized(nodeA(), JsonValue.EMPTY_JSON_OBJECT);
        try (SseEvents stream = SseEvents.open(authorized(mcp(nodeA())).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", onA.sessionId()).header("MCP-Protocol-Version", REVISION).GET().build())) {
            assertEquals(200, stream.status());
            JsonObject listed = awaitListed(onA.sessionId(), s -> !s.isNull("stream_node"));
            assertEquals("node-a", listed.getString("stream_node"), "the list says which node holds the stream");
            assertEquals(1, listed.getInt("open_streams"));
            assertEquals(204, on(nodeB(), onA).send("DELETE", "application/json").status());
            assertTrue(stream.awaitEnd(Duration.ofSeconds(15)), "node a closed the stream when node b ended the session");
            assertEquals(404, onA.request(2, "ping", null).status());
        }
    }

    private static JsonObject awaitListed(String sessionId, java.util.function.Predicate<JsonObject> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = listed(sessionId);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("session not listed as expected: " + last);
    }

    /** A partner to delete, and the {@code unlink} of it started on node a, waiting for the user's confirmation. */
    private record PendingUnlink(McpHttp onA, long partnerId, SseEvents answer, JsonObject elicitation) {
    }

    private static PendingUnlink unlinkAwaitingConfirmation(String name) throws Exception {
        McpHttp onA = initialized(nodeA(), Json.createObjectBuilder().add("elicitation", JsonValue.EMPTY_JSON_OBJECT).build());
        long partner = structured(call(onA, 1, "create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + name + "\"}}"))
                .getJsonArray("ids").getJsonNumber(0).longValue();
        String body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "unlink-1").add("method", "tools/call")
                .add("params", Json.createObjectBuilder().add("name", "unlink").add("arguments", Json.createObjectBuilder()
                        .add("model", "res.partner").add("ids", Json.createArrayBuilder().add(partner)))).build().toString();
        SseEvents answer = SseEvents.open(authorized(mcp(nodeA())).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", onA.sessionId())
                .header("MCP-Protocol-Version", REVISION).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonObject elicitation = answer.next("elicitation/create", Duration.ofSeconds(30));
        assertNotNull(elicitation, "unlink asks the user to confirm");
        return new PendingUnlink(onA, partner, answer, elicitation);
    }

    private static boolean partnerExists(McpHttp client, long id) throws Exception {
        return structured(call(client, 7, "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"=\"," + id + "]]}"))
                .getInt("count") == 1;
    }

    @Test
    @Order(4)
    void aCancellationPostedToOneNodeStopsTheRequestRunningOnTheOther() throws Exception {
        PendingUnlink unlink = unlinkAwaitingConfirmation("cluster-cancel-" + System.nanoTime());
        try (SseEvents answer = unlink.answer()) {
            assertEquals(202, on(nodeB(), unlink.onA()).post(Json.createObjectBuilder().add("jsonrpc", "2.0")
                    .add("method", "notifications/cancelled").add("params", Json.createObjectBuilder()
                            .add("requestId", "unlink-1").add("reason", "changed my mind")).build().toString()).status());
            JsonObject result = answer.next(Duration.ofSeconds(15));
            assertNotNull(result, "the request on node a stopped at once, not after the client-request timeout");
            assertTrue(result.getJsonObject("result").getBoolean("isError"), result.toString());
            assertTrue(result.toString().contains("cancelled"), result.toString());
        }
        assertTrue(partnerExists(unlink.onA(), unlink.partnerId()), "nothing was deleted");
    }

    @Test
    @Order(5)
    void aClientsAnswerPostedToOneNodeCompletesTheRequestWaitingOnTheOther() throws Exception {
        PendingUnlink unlink = unlinkAwaitingConfirmation("cluster-confirm-" + System.nanoTime());
        try (SseEvents answer = unlink.answer()) {
            String confirmation = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", unlink.elicitation().get("id"))
                    .add("result", Json.createObjectBuilder().add("action", "accept")
                            .add("content", Json.createObjectBuilder().add("confirm", true))).build().toString();
            assertEquals(202, on(nodeB(), unlink.onA()).post(confirmation).status());
            JsonObject result = answer.next(Duration.ofSeconds(30));
            assertNotNull(result, "node a heard the confirmation node b received");
            assertFalse(result.getJsonObject("result").getBoolean("isError", false), result.toString());
        }
        assertFalse(partnerExists(on(nodeB(), unlink.onA()), unlink.partnerId()), "the partner was deleted");
    }

    /** What one writing client saw: its session, the partners acknowledged (id by name), its failures. */
    private static final class Writer {
        final McpHttp client;
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger afterKill = new AtomicInteger();
        final List<String> sessionLost = new ArrayList<>();

        Writer(McpHttp client) {
            this.client = client;
        }
    }

    @Test
    @Order(100)
    void killNineOfANodeWhileTwentyClientsWriteLosesNothingAcknowledged() throws Exception {
        String tag = "kill-" + Long.toString(System.nanoTime(), 36);
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Writer(initialized(cluster.front(), JsonValue.EMPTY_JSON_OBJECT)));
        }
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            Writer writer = writers.get(w);
            String prefix = tag + "-" + w + "-";
            pool.submit(() -> write(writer, prefix, killed, stop));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (acknowledged(writers) < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        cluster.node(0).kill();
        killed.set(true);
        while (writers.stream().anyMatch(w -> w.afterKill.get() < 5) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));

        for (Writer writer : writers) {
            assertTrue(writer.afterKill.get() >= 5, "every client carried on after the kill, in its own session ("
                    + writer.afterKill.get() + " writes acknowledged after it)");
            assertEquals(List.of(), writer.sessionLost, "no client lost its session");
        }
        Map<String, Long> acknowledged = new HashMap<>();
        writers.forEach(w -> acknowledged.putAll(w.acknowledged));
        Map<String, List<Long>> stored = partnersNamed(tag);
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        acknowledged.forEach((name, id) -> {
            if (!stored.getOrDefault(name, List.of()).contains(id)) {
                lost.add(name);
            }
        });
        stored.forEach((name, ids) -> {
            if (ids.size() > 1) {
                duplicated.add(name);
            }
        });
        assertEquals(List.of(), lost, "acknowledged creates missing (of " + acknowledged.size() + ")");
        assertEquals(List.of(), duplicated, "a create stored twice");
        Set<Long> audited = auditedCreates(writers.stream().map(w -> w.client.sessionId()).toList());
        Set<Long> unaudited = new TreeSet<>(acknowledged.values());
        unaudited.removeAll(audited);
        assertEquals(Set.of(), unaudited, "acknowledged creates without an audit entry");
    }

    private static int acknowledged(List<Writer> writers) {
        return writers.stream().mapToInt(w -> w.acknowledged.size()).sum();
    }

    /**
     * Creates partners named {@code prefix + n} with an e-mail derived from the name (so a
     * half-written record would show), counting what was acknowledged; a failure (the node died
     * under the request, nginx's 502) is retried with the next name, in the same session.
     */
    private static void write(Writer writer, String prefix, AtomicBoolean killed, AtomicBoolean stop) {
        for (int n = 0; !stop.get(); n++) {
            String name = prefix + n;
            try {
                Reply reply = call(writer.client, n + 100, "create", "{\"model\":\"res.partner\",\"values\":{\"name\":\""
                        + name + "\",\"email\":\"" + name + "@cluster.test\"}}");
                if (reply.status() == 404) {
                    writer.sessionLost.add(name + ": " + reply.body());
                    return;
                }
                if (reply.status() == 200 && reply.json().containsKey("result")
                        && !reply.json().getJsonObject("result").getBoolean("isError", false)) {
                    long id = reply.json().getJsonObject("result").getJsonObject("structuredContent").getJsonArray("ids")
                            .getJsonNumber(0).longValue();
                    writer.acknowledged.put(name, id);
                    if (killed.get()) {
                        writer.afterKill.incrementAndGet();
                    }
                }
            } catch (IOException dropped) {
                // the node died under the request: its outcome is unknown, so it is not counted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                writer.sessionLost.add(name + ": " + e);
                return;
            }
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(ItDatabase.url() + (ItDatabase.url().contains("?") ? "&" : "?")
                + "currentSchema=" + SCHEMA, System.getProperty("it.datasource.user"), System.getProperty("it.datasource.password"));
    }

    /** The ids of the partners whose name starts with {@code tag}, by name; every one must be whole. */
    private static Map<String, List<Long>> partnersNamed(String tag) throws Exception {
        Map<String, List<Long>> byName = new HashMap<>();
        try (Connection c = database();
             PreparedStatement query = c.prepareStatement("select id, name, email from res_partner where name like ?")) {
            query.setString(1, tag + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("name");
                    assertEquals(name + "@cluster.test", rows.getString("email"), "partner " + rows.getLong("id") + " is whole");
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(rows.getLong("id"));
                }
            }
        }
        return byName;
    }

    /** The partner ids that the audit entries of successful creates in {@code sessions} name. */
    private static Set<Long> auditedCreates(List<String> sessions) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = database();
             PreparedStatement query = c.prepareStatement("select record_ids from mcp_audit_log where session_id = ? "
                     + "and target = 'create' and outcome = 'ok'")) {
            for (String session : sessions) {
                query.setString(1, session);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        JsonObject records = Json.createReader(new StringReader(rows.getString(1))).readObject();
                        records.getJsonObject("res.partner").getJsonArray("create").getValuesAs(jakarta.json.JsonNumber.class)
                                .forEach(id -> ids.add(id.longValue()));
                    }
                }
            }
        }
        return ids;
    }
}
