package dev.bastion.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.PayaraMicroProcess;
import dev.bastion.testing.SseEvents;
import dev.bastion.testing.TestCluster;
import dev.bastion.testing.ToolCalls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Bastion nodes on Payara Micro, clustered over loopback through Payara's data grid, on one
 * PostgreSQL schema, nginx round-robin in front ({@link TestCluster}); a third joins at the end.
 * What one node changes, the other acts on at its next request: tool list and record changes
 * reach the streams held on either node once each, a changed setting applies, a revoked key is
 * refused; the rate limit and the lockout count on both nodes together. A node asked to cluster
 * without a grid stays not ready and says why. One cluster for the whole class (PostgreSQL
 * phase only: several processes on one embedded H2 file are not what ops run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration BOOT = Duration.ofMinutes(10);
    private static final Duration EVENT = Duration.ofSeconds(15);
    private static final String VERSION = "2025-11-25";
    private static final String KEY = System.getProperty("it.admin.api-key");

    private static TestCluster cluster;
    private static PayaraMicroProcess withoutGrid;
    private static long started;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(!ItDatabase.isH2(), "a cluster shares a PostgreSQL database: the PostgreSQL phase runs this");
        started = System.nanoTime();
        Path dir = Files.createDirectories(Path.of("target", "it-data", "cluster-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(ItDatabase.environmentWithOwnSchema(dir, "cluster_it", ItDatabase.host(),
                ItDatabase.port()));
        env.put("BASTION_ADMIN_API_KEY", KEY);
        env.put("BASTION_DEMO_DATA", "false");
        env.put("BASTION_RATE_LIMIT_PER_MINUTE", "0");
        // The test's requests come from loopback and name the client they stand for.
        env.put("BASTION_TRUSTED_PROXIES", "127.0.0.1/32");
        Map<String, String> alone = new HashMap<>(env);
        alone.put("BASTION_CLUSTER_ENABLED", "true");
        // Payara Micro always binds its grid (even with --nocluster --nohazelcast, a member that
        // joins nobody): a server without one is a JNDI name with nothing bound, as on WildFly.
        alone.put("BASTION_CLUSTER_CACHE_MANAGER", "bastion/no-grid-here");
        withoutGrid = PayaraMicroProcess.launch(alone, List.of("--nocluster"));
        cluster = TestCluster.start(2, 3, env, BOOT);
        System.out.printf("ClusterIT: two nodes ready in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (withoutGrid != null) {
            withoutGrid.kill();
        }
        if (cluster != null) {
            cluster.close();
            System.out.printf("ClusterIT: %d s in all%n", (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    private static ToolCalls admin(int node) {
        return new ToolCalls(cluster.node(node).baseUri(), KEY);
    }

    @Test
    @Order(1)
    void aNodeAskedToClusterThatFindsNoGridIsNotReadyAndSaysWhy() throws Exception {
        withoutGrid.awaitLog("bastion.cluster.enabled is true but no data grid was found", BOOT);
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                withoutGrid.baseUri().resolve("health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, ready.statusCode(), "not ready: " + ready.body());
        withoutGrid.kill();
        withoutGrid = null;
    }

    @Test
    @Order(2)
    void aToolEditedOnBIsAnnouncedOnceOnAStreamOfAAndOnAListenStreamOfB() throws Exception {
        McpHttp session = new McpHttp(cluster.node(0).baseUri().resolve("/mcp"), KEY);
        session.initialize(VERSION, JsonValue.EMPTY_JSON_OBJECT);
        try (SseEvents onA = getStream(cluster.node(0).baseUri(), session); SseEvents onB = listen(cluster.node(1).baseUri())) {
            assertEquals(200, onA.status());
            long tool = admin(1).success("search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"count\"]],"
                    + "\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
            admin(1).success("write", "{\"model\":\"mcp.tool\",\"ids\":[" + tool + "],\"values\":{\"sequence\":31}}");
            assertNotNull(onA.next("notifications/tools/list_changed", EVENT), "node A's GET stream heard the edit on B");
            assertNotNull(onB.next("notifications/tools/list_changed", EVENT), "node B's listen stream heard it");
            assertNull(onA.next("notifications/tools/list_changed", Duration.ofSeconds(3)), "once on A");
            assertNull(onB.next("notifications/tools/list_changed", Duration.ofSeconds(1)), "once on B");
        }
    }

    @Test
    @Order(3)
    void aRecordSubscriptionOnAHearsAWriteMadeOnB() throws Exception {
        long partner = admin(1).success("create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"Cluster Partner\"}}")
                .getJsonArray("ids").getJsonNumber(0).longValue();
        String uri = "bastion://record/res.partner/" + partner;
        McpHttp session = new McpHttp(cluster.node(0).baseUri().resolve("/mcp"), KEY);
        session.initialize(VERSION, JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, session.request(2, "resources/subscribe", Json.createObjectBuilder().add("uri", uri).build()).status());
        try (SseEvents onA = getStream(cluster.node(0).baseUri(), session)) {
            admin(1).success("write", "{\"model\":\"res.partner\",\"ids\":[" + partner + "],\"values\":{\"name\":\"Renamed on B\"}}");
            JsonObject updated = onA.next("notifications/resources/updated", EVENT);
            assertNotNull(updated, "the subscription on A heard the write on B");
            assertEquals(uri, updated.getJsonObject("params").getString("uri"));
        }
    }

    @Test
    @Order(4)
    void aKeyRevokedOnAIsRefusedOnBAtTheNextRequest() throws Exception {
        User user = user("revoked");
        ToolCalls onB = new ToolCalls(cluster.node(1).baseUri(), user.key());
        assertEquals(200, onB.call("count", "{\"model\":\"res.partner\"}").status(), "valid, and now known to B");
        long keyId = admin(0).success("search", "{\"model\":\"res.users.apikeys\",\"domain\":[[\"user_id\",\"=\","
                + user.id() + "]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        admin(0).success("method_call", "{\"model\":\"res.users.apikeys\",\"method\":\"action_revoke\",\"ids\":[" + keyId + "]}");
        assertEquals(401, onB.call("count", "{\"model\":\"res.partner\"}").status(), "revoked on A, refused on B");
    }

    @Test
    @Order(5)
    void theRateLimitCountsOnBothNodesAndItsSettingAppliesOnBoth() throws Exception {
        User user = user("limited");
        admin(0).success("set_setting", "{\"key\":\"bastion.rate-limit.per-minute\",\"value\":\"10\"}");
        try {
            ToolCalls onA = new ToolCalls(cluster.node(0).baseUri(), user.key());
            ToolCalls onB = new ToolCalls(cluster.node(1).baseUri(), user.key());
            for (int i = 0; i < 5; i++) {
                assertEquals(200, onA.call("count", "{\"model\":\"res.partner\"}").status());
                assertEquals(200, onB.call("count", "{\"model\":\"res.partner\"}").status(), "B applies A's new limit of 10");
            }
            McpHttp.Reply overOnB = onB.call("count", "{\"model\":\"res.partner\"}");
            assertEquals(429, overOnB.status(), "the 11th request of the minute, 5 of them on A: " + overOnB.body());
            assertNotNull(overOnB.header("Retry-After"));
            assertEquals(429, onA.call("count", "{\"model\":\"res.partner\"}").status(), "and on A");
        } finally {
            admin(1).success("set_setting", "{\"key\":\"bastion.rate-limit.per-minute\",\"value\":\"0\"}");
        }
    }

    @Test
    @Order(6)
    void aLockoutEarnedOnAHoldsOnB() throws Exception {
        String attacker = "203.0.113." + (10 + (int) (Math.random() * 200));
        admin(0).success("set_setting", "{\"key\":\"bastion.lockout.threshold\",\"value\":\"3\"}");
        try {
            ToolCalls wrongOnA = new ToolCalls(cluster.node(0).baseUri(), "bst_not-a-key-" + UUID.randomUUID());
            for (int i = 0; i < 3; i++) {
                assertEquals(401, wrongOnA.call("count", "{\"model\":\"res.partner\"}", "X-Forwarded-For", attacker).status());
            }
            McpHttp.Reply onB = admin(1).call("count", "{\"model\":\"res.partner\"}", "X-Forwarded-For", attacker);
            assertEquals(429, onB.status(), "locked out on B with the right key, from that address: " + onB.body());
            assertEquals(200, admin(1).call("count", "{\"model\":\"res.partner\"}", "X-Forwarded-For", "203.0.113.250").status(),
                    "another address is not");
        } finally {
            admin(1).success("set_setting", "{\"key\":\"bastion.lockout.threshold\",\"value\":null}");
        }
    }

    @Test
    @Order(7)
    void aStatelessClientWorksThroughTheRoundRobin() throws Exception {
        ToolCalls front = new ToolCalls(cluster.front(), KEY);
        for (int i = 0; i < 20; i++) {
            McpHttp.Reply reply = front.call("count", "{\"model\":\"res.partner\"}");
            assertEquals(200, reply.status(), "request " + i + " through nginx: " + reply.body());
        }
    }

    @Test
    @Order(8)
    void aThirdNodeJoinsWhileClientsRunAndServesWithoutRestartingTheOthers() throws Exception {
        List<Long> pids = cluster.nodes().stream().map(PayaraMicroProcess::pid).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread client = new Thread(() -> {
                ToolCalls front = new ToolCalls(cluster.front(), KEY);
                while (running.get()) {
                    try {
                        McpHttp.Reply reply = front.call("count", "{\"model\":\"res.partner\"}");
                        if (reply.status() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(reply.status() + " " + reply.body());
                        }
                        Thread.sleep(100);
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        PayaraMicroProcess third;
        try {
            third = cluster.addNode(BOOT);
            int before = ok.get();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until && ok.get() < before + 20) {
                Thread.sleep(100);
            }
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
        assertEquals(List.of(), List.copyOf(failures), "no client request failed while the third node joined");
        assertTrue(ok.get() > 0);
        assertEquals(pids, cluster.nodes().subList(0, 2).stream().map(PayaraMicroProcess::pid).toList(), "A and B kept running");

        // The newcomer is part of the cluster at once: an edit on A reaches a stream held on C.
        McpHttp session = new McpHttp(third.baseUri().resolve("/mcp"), KEY);
        session.initialize(VERSION, JsonValue.EMPTY_JSON_OBJECT);
        try (SseEvents onC = getStream(third.baseUri(), session)) {
            long tool = admin(0).success("search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"count\"]],"
                    + "\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
            admin(0).success("write", "{\"model\":\"mcp.tool\",\"ids\":[" + tool + "],\"values\":{\"sequence\":32}}");
            assertNotNull(onC.next("notifications/tools/list_changed", EVENT), "node C heard the edit made on A");
        }
    }

    private record User(long id, String key) {
    }

    /** A new MCP user with an API key of its own. */
    private static User user(String name) throws Exception {
        String login = name + "." + UUID.randomUUID().toString().substring(0, 8);
        long id = admin(0).success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                        + "\",\"name\":\"" + name + "\",\"company_id\":1,\"company_ids\":[[6,0,[1]]],\"groups_id\":[[6,0,[1,3]]]}}")
                .getJsonArray("ids").getJsonNumber(0).longValue();
        String key = admin(0).success("method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\","
                + "\"ids\":[" + id + "],\"kwargs\":{\"name\":\"cluster\"}}").getJsonObject("result").getString("key");
        return new User(id, key);
    }

    private static SseEvents getStream(URI node, McpHttp session) throws Exception {
        return SseEvents.open(HttpRequest.newBuilder(node.resolve("/mcp")).header("Authorization", "Bearer " + KEY)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session.sessionId())
                .header("MCP-Protocol-Version", VERSION).GET().build());
    }

    /** A 2026-07-28 {@code subscriptions/listen} stream for tool list changes, acknowledged. */
    private static SseEvents listen(URI node) throws Exception {
        String listen = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "listen-1")
                .add("method", "subscriptions/listen").add("params", Json.createObjectBuilder()
                        .add("notifications", Json.createObjectBuilder().add("toolsListChanged", true))
                        .add("_meta", Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                                .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT))).build().toString();
        SseEvents stream = SseEvents.open(HttpRequest.newBuilder(node.resolve("/mcp")).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(listen)).build());
        assertNotNull(stream.next("notifications/subscriptions/acknowledged", EVENT), "listen acknowledged");
        return stream;
    }
}
