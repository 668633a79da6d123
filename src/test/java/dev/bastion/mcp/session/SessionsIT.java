package dev.bastion.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import dev.bastion.testing.SseEvents;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live sessions as MCP administrators see them through {@code list_sessions} and
 * {@code end_session}: another client's session with its client, ending it (its GET stream
 * closes, its id gets 404; a legacy HTTP+SSE session loses its connection), idle expiry by a TTL
 * changed live, stateless requests leaving no
 * session, and users who are not administrators neither seeing nor calling the tools.
 */
@ExtendWith(ArquillianExtension.class)
class SessionsIT {

    private static final String REVISION = "2025-11-25";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}";
    private static final List<String> ADMIN_TOOLS = List.of("list_sessions", "end_session", "get_settings",
            "set_setting");

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(SessionsIT.class, McpHttp.class, SseEvents.class, DemoUsers.class);
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

    private McpHttp session(String key, String clientName) throws Exception {
        McpHttp session = new McpHttp(endpoint(), key);
        session.initialize(REVISION, JsonValue.EMPTY_JSON_OBJECT, clientName);
        return session;
    }

    private McpHttp admin() throws Exception {
        return session(System.getProperty("bastion.admin.api-key"), "admin-console-it");
    }

    private static String uniqueClient() {
        return "sessions-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The session's server stream, as a client opens it with GET. */
    private SseEvents openStream(McpHttp client, String key) throws Exception {
        SseEvents stream = SseEvents.open(HttpRequest.newBuilder(endpoint()).header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", client.sessionId()).GET().build());
        assertEquals(200, stream.status());
        return stream;
    }

    private static Reply callTool(McpHttp session, String tool, String arguments) throws Exception {
        JsonObject args = Json.createReader(new StringReader(arguments)).readObject();
        return session.request(9, "tools/call", Json.createObjectBuilder().add("name", tool).add("arguments", args).build());
    }

    /** The structured result of a tool call that must succeed. */
    private static JsonObject structured(Reply reply) {
        JsonObject result = reply.json().getJsonObject("result");
        assertNotNull(result, reply.body());
        assertEquals(JsonValue.FALSE, result.get("isError"), reply.body());
        return result.getJsonObject("structuredContent");
    }

    private static Optional<JsonObject> listed(McpHttp admin, String sessionId) throws Exception {
        return structured(callTool(admin, "list_sessions", "{}")).getJsonArray("sessions").stream()
                .map(JsonValue::asJsonObject).filter(s -> s.getString("id").equals(sessionId)).findFirst();
    }

    @Test
    void anAdministratorSeesAnotherClientsSessionAndEndsIt() throws Exception {
        String key = demo.key("demo.sales.eu");
        String clientName = uniqueClient();
        McpHttp client = session(key, clientName);
        assertEquals(200, client.post(PING).status());
        try (SseEvents stream = openStream(client, key)) {
            McpHttp admin = admin();

            JsonObject seen = listed(admin, client.sessionId()).orElseThrow(() ->
                    new AssertionError("the administrator sees the client's session"));
            assertEquals("demo.sales.eu", seen.getString("user"));
            assertEquals(clientName, seen.getString("client_name"));
            assertEquals("1", seen.getString("client_version"));
            assertEquals(REVISION, seen.getString("revision"));
            assertEquals(1, seen.getInt("open_streams"), seen.toString());
            assertTrue(seen.getInt("requests") >= 1, seen.toString());
            Instant created = Instant.parse(seen.getString("created"));
            Instant lastActivity = Instant.parse(seen.getString("last_activity"));
            Instant expires = Instant.parse(seen.getString("expires"));
            assertFalse(lastActivity.isBefore(created), seen.toString());
            assertEquals(settings.getDuration(SettingKey.SESSION_TTL), Duration.between(lastActivity, expires),
                    "expiry is the last activity plus the TTL");

            JsonObject ended = structured(callTool(admin, "end_session",
                    "{\"session_id\":\"" + client.sessionId() + "\"}"));
            assertEquals(client.sessionId(), ended.getString("ended"));

            assertTrue(stream.awaitEnd(Duration.ofSeconds(5)), "the ended session's GET stream closes at once");
            Reply after = client.post(PING);
            assertEquals(404, after.status(), after.body());
            assertTrue(listed(admin, client.sessionId()).isEmpty(), "an ended session is no longer listed");

            Reply again = callTool(admin, "end_session", "{\"session_id\":\"" + client.sessionId() + "\"}");
            JsonObject refused = again.json().getJsonObject("result");
            assertEquals(JsonValue.TRUE, refused.get("isError"), again.body());
            assertTrue(again.body().contains("No live session"), again.body());
        }
    }

    @Test
    void endingALegacySessionClosesItsConnection() throws Exception {
        String key = demo.key("demo.sales.eu");
        String clientName = uniqueClient();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> opened = http.send(HttpRequest.newBuilder(endpoint()).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, opened.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(opened.body(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("data: /mcp/message"));
            assertNotNull(line, "the endpoint event");
            URI messages = endpoint().resolve(line.substring("data: ".length()));
            HttpResponse<String> initialize = http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                    + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + clientName
                                    + "\",\"version\":\"1\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, initialize.statusCode(), initialize.body());
            McpHttp admin = admin();
            JsonObject seen = null;
            for (int i = 0; i < 50 && seen == null; i++) {
                seen = structured(callTool(admin, "list_sessions", "{}")).getJsonArray("sessions").stream()
                        .map(JsonValue::asJsonObject).filter(s -> s.get("client_name") instanceof JsonString n
                                && n.getString().equals(clientName)).findFirst().orElse(null);
                if (seen == null) {
                    Thread.sleep(100);
                }
            }
            assertNotNull(seen, "the legacy session is listed");
            assertEquals("2024-11-05", seen.getString("revision"));
            assertEquals(1, seen.getInt("open_streams"), "its connection's stream");

            structured(callTool(admin, "end_session", "{\"session_id\":\"" + seen.getString("id") + "\"}"));
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                try {
                    while (lines.readLine() != null) {
                        // the initialize response and keep-alives, until the server closes the stream
                    }
                } catch (IOException e) {
                    // a reset connection ends the stream too
                }
            });
            ended.get(10, TimeUnit.SECONDS);
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PING)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, after.statusCode(), "the connection is gone with its session: " + after.body());
        }
    }

    @Test
    void idleSessionsExpireByTheTtlAsChangedLive() throws Exception {
        String key = demo.key("demo.sales.us");
        McpHttp client = session(key, uniqueClient());
        try (SseEvents stream = openStream(client, key)) {
            settings.set(SettingKey.SESSION_TTL, "2s", "it");
            try {
                assertTrue(stream.awaitEnd(Duration.ofSeconds(10)),
                        "the reaper closes the stream of a session idle past the shortened TTL");
                Reply after = client.post(PING);
                assertEquals(404, after.status(), after.body());
            } finally {
                settings.reset(SettingKey.SESSION_TTL, "it");
            }
        }
        McpHttp kept = session(key, uniqueClient());
        Thread.sleep(2500);
        assertEquals(200, kept.post(PING).status(), "with the default TTL back, a short pause expires nothing");
    }

    @Test
    void statelessRequestsCreateNoSession() throws Exception {
        String clientName = uniqueClient();
        String body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "s1").add("method", "tools/list")
                .add("params", Json.createObjectBuilder().add("_meta", Json.createObjectBuilder()
                        .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                        .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT)
                        .add("io.modelcontextprotocol/clientInfo", Json.createObjectBuilder().add("name", clientName)
                                .add("version", "1")))).build().toString();
        McpHttp stateless = new McpHttp(endpoint(), demo.key("demo.accountant"));
        Reply reply = stateless.post(body, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list");
        assertEquals(200, reply.status(), reply.body());
        assertNull(reply.header("Mcp-Session-Id"), "a stateless answer names no session");

        boolean listed = structured(callTool(admin(), "list_sessions", "{}")).getJsonArray("sessions").stream()
                .map(JsonValue::asJsonObject)
                .anyMatch(s -> s.get("client_name") instanceof JsonString n && n.getString().equals(clientName));
        assertFalse(listed, "a 2026-07-28 request leaves no session behind");
    }

    @Test
    void othersNeitherSeeNorCallTheAdministrationTools() throws Exception {
        McpHttp admin = admin();
        McpHttp sales = session(demo.key("demo.sales.eu"), uniqueClient());

        Reply list = sales.request(3, "tools/list", null);
        List<String> names = list.json().getJsonObject("result").getJsonArray("tools").stream()
                .map(t -> t.asJsonObject().getString("name")).toList();
        assertTrue(names.contains("search"), names.toString());
        for (String tool : ADMIN_TOOLS) {
            assertFalse(names.contains(tool), tool + " is not offered to a salesperson: " + names);
        }

        Reply listing = callTool(sales, "list_sessions", "{}");
        assertEquals("Unknown tool: list_sessions", listing.json().getJsonObject("error").getString("message"),
                listing.body());
        assertFalse(listing.body().contains(admin.sessionId()), "nothing about other sessions leaks");
        Reply ending = callTool(sales, "end_session", "{\"session_id\":\"" + admin.sessionId() + "\"}");
        assertEquals("Unknown tool: end_session", ending.json().getJsonObject("error").getString("message"),
                ending.body());
        assertEquals(200, admin.post(PING).status(), "the administrator's session lives on");
    }
}
