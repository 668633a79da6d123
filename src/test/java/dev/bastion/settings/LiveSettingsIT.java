package dev.bastion.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.mcp.pipeline.fixture.CompletedRequests;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestCompleted.Outcome;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live settings as MCP administrators change them with {@code get_settings} and
 * {@code set_setting}, and as the server then behaves, without a restart: the server switched
 * off and on, the rate limit, the IP filter, the page size of lists and the records cap.
 * Values a setting cannot take are refused naming the key, and change nothing; other users
 * cannot read or change settings.
 */
@ExtendWith(ArquillianExtension.class)
class LiveSettingsIT {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"ping\"}";

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.mcp.pipeline.fixture")
                .addClasses(LiveSettingsIT.class, ChangeLog.class, McpHttp.class, DemoUsers.class);
    }

    /** Every {@link SettingChanged}, as the audit trail observes them. */
    @ApplicationScoped
    public static class ChangeLog {
        private final List<SettingChanged> seen = new CopyOnWriteArrayList<>();

        void changed(@Observes SettingChanged change) {
            seen.add(change);
        }

        public List<SettingChanged> seen() {
            return List.copyOf(seen);
        }
    }

    @ArquillianResource
    URL base;

    @Inject
    SettingsService settings;

    @Inject
    DemoUsers demo;

    @Inject
    CompletedRequests completed;

    @Inject
    ChangeLog changes;

    /** Whatever a test changed goes back to its default, even when it failed half-way. */
    @AfterEach
    void restoreDefaults() {
        for (SettingKey key : SettingKey.values()) {
            if (settings.snapshot().get(key).overridden()) {
                settings.reset(key, "it");
            }
        }
    }

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    private McpHttp session(String key) throws Exception {
        McpHttp session = new McpHttp(endpoint(), key);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        return session;
    }

    private static String adminKey() {
        return System.getProperty("bastion.admin.api-key");
    }

    private static Reply callTool(McpHttp session, String tool, String arguments) throws Exception {
        JsonObject args = Json.createReader(new StringReader(arguments)).readObject();
        return session.request(9, "tools/call", Json.createObjectBuilder().add("name", tool).add("arguments", args).build());
    }

    private static JsonObject structured(Reply reply) {
        JsonObject result = reply.json().getJsonObject("result");
        assertNotNull(result, reply.body());
        assertEquals(JsonValue.FALSE, result.get("isError"), reply.body());
        return result.getJsonObject("structuredContent");
    }

    private static JsonObject set(McpHttp admin, String key, String valueJson) throws Exception {
        return structured(callTool(admin, "set_setting", "{\"key\":\"" + key + "\",\"value\":" + valueJson + "}"));
    }

    /** The settings as get_settings lists them, by key. */
    private static Map<String, JsonObject> listed(McpHttp admin) throws Exception {
        return structured(callTool(admin, "get_settings", "{}")).getJsonArray("settings").stream()
                .map(JsonValue::asJsonObject).collect(Collectors.toMap(s -> s.getString("key"), s -> s));
    }

    @Test
    void administratorsReadEverySettingAndEachChangeSaysWhoMadeIt() throws Exception {
        McpHttp admin = session(adminKey());
        Map<String, JsonObject> all = listed(admin);
        assertEquals(SettingKey.values().length, all.size(), all.keySet().toString());
        JsonObject ttl = all.get("bastion.session.ttl");
        assertEquals("30m", ttl.getString("value"));
        assertEquals("30m", ttl.getString("default"));
        assertFalse(ttl.getBoolean("overridden"));
        assertEquals("DURATION", ttl.getString("type"));
        assertTrue(ttl.getString("description").contains("idle"), ttl.toString());
        assertEquals(List.of("off", "allow", "deny"), all.get("bastion.ip-filter.mode").getJsonArray("choices")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        int before = changes.seen().size();
        JsonObject changed = set(admin, "bastion.session.ttl", "\"45m\"");
        assertEquals("30m", changed.getString("old_value"));
        assertEquals("45m", changed.getString("value"));
        assertTrue(changed.getBoolean("overridden"));
        assertEquals(Duration.ofMinutes(45), settings.getDuration(SettingKey.SESSION_TTL));
        assertEquals("45m", listed(admin).get("bastion.session.ttl").getString("value"));

        JsonObject reset = set(admin, "bastion.session.ttl", "null");
        assertEquals("45m", reset.getString("old_value"));
        assertEquals("30m", reset.getString("value"));
        assertFalse(reset.getBoolean("overridden"));
        assertEquals(List.of(
                new SettingChanged(SettingKey.SESSION_TTL, Duration.ofMinutes(30), Duration.ofMinutes(45), "admin"),
                new SettingChanged(SettingKey.SESSION_TTL, Duration.ofMinutes(45), Duration.ofMinutes(30), "admin")),
                changes.seen().subList(before, changes.seen().size()), "each change carries old, new and who");

        set(admin, "bastion.mcp.require-confirmation", "true");
        assertTrue(settings.getBoolean(SettingKey.MCP_REQUIRE_CONFIRMATION), "booleans may come as JSON booleans");
        set(admin, "bastion.mcp.require-confirmation", "\"\"");
        assertFalse(settings.snapshot().get(SettingKey.MCP_REQUIRE_CONFIRMATION).overridden(), "empty resets");
    }

    @Test
    void valuesASettingCannotTakeAreRefusedNamingItAndChangeNothing() throws Exception {
        McpHttp admin = session(adminKey());
        set(admin, "bastion.ip-filter.cidrs", "\"10.0.0.0/8\"");
        Map<String, String> bad = Map.of(
                "bastion.ip-filter.cidrs", "\"10.0.0.0/8, 10.0.0.300/8\"",
                "bastion.trusted-proxies", "\"proxy.example.com\"",
                "bastion.rate-limit.per-minute", "-1",
                "bastion.session.ttl", "\"PT-5M\"",
                "bastion.lockout.window", "\"-5m\"",
                "bastion.ip-filter.mode", "\"maybe\"",
                "bastion.mcp.cache-scope", "\"everyone\"",
                "bastion.server.enabled", "\"yes\"",
                "bastion.cors.origins", "\"app.example.com\"",
                "bastion.max-records", "\"many\"");
        Map<String, JsonObject> before = listed(admin);
        for (Map.Entry<String, String> attempt : bad.entrySet()) {
            Reply reply = callTool(admin, "set_setting", "{\"key\":\"" + attempt.getKey() + "\",\"value\":"
                    + attempt.getValue() + "}");
            JsonObject result = reply.json().getJsonObject("result");
            assertNotNull(result, reply.body());
            assertEquals(JsonValue.TRUE, result.get("isError"), attempt + " is refused: " + reply.body());
            String message = result.getJsonArray("content").getJsonObject(0).getString("text");
            assertTrue(message.startsWith("Setting not changed: " + attempt.getKey() + ": "), message);
        }
        assertEquals(before, listed(admin), "nothing was stored");
        assertEquals("10.0.0.0/8", settings.snapshot().get(SettingKey.IP_FILTER_CIDRS).text());
        assertEquals(600, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));

        Reply unknown = callTool(admin, "set_setting", "{\"key\":\"bastion.no-such-thing\",\"value\":\"1\"}");
        assertEquals(JsonValue.TRUE, unknown.json().getJsonObject("result").get("isError"), unknown.body());
        assertTrue(unknown.body().contains("Unknown setting 'bastion.no-such-thing'"), unknown.body());
    }

    @Test
    void aDisabledServerAnswers503ToEveryRequestUntilItIsEnabledAgain() throws Exception {
        McpHttp admin = session(adminKey());
        McpHttp sales = session(demo.key("demo.sales.eu"));
        JsonObject off = set(admin, "bastion.server.enabled", "false");
        assertEquals("false", off.getString("value"));

        int from = completed.count();
        Reply ping = admin.post(PING);
        assertEquals(503, ping.status(), ping.body());
        JsonObject error = ping.json().getJsonObject("error");
        assertEquals(-32030, error.getInt("code"));
        assertTrue(error.getString("message").contains("disabled by its administrator"), ping.body());
        assertEquals(77, ping.json().getInt("id"), "the request's id is echoed");
        RequestCompleted event = completed.since(from, 1).stream().filter(e -> e.outcome() == Outcome.DISABLED)
                .findFirst().orElseThrow(() -> new AssertionError("the refusal ends in a DISABLED event"));
        assertEquals(Outcome.DISABLED, event.outcome());
        assertEquals(503, event.httpStatus());
        assertEquals("admin", event.caller().name(), "who was turned away is known");

        assertEquals(503, callTool(admin, "set_setting", "{\"key\":\"bastion.server.enabled\",\"value\":true}").status(),
                "MCP itself is off: the administrator cannot switch it back on over MCP");
        assertEquals(503, sales.send("GET", "text/event-stream").status(), "no GET stream either");
        Reply legacy = new McpHttp(URI.create(base.toString()).resolve("/mcp/message?sessionId=x"), adminKey()).post(PING);
        assertEquals(503, legacy.status(), legacy.body());
        assertEquals(503, new McpHttp(endpoint(), "bst_not-a-key").post(PING).status(), "off means off for anyone");

        // The admin console's way back: the settings service, which /mcp being off does not stop.
        settings.set(SettingKey.SERVER_ENABLED, "true", "console-admin");
        assertEquals(200, admin.post(PING).status(), "served again, sessions kept");
        assertEquals(200, sales.post(PING).status());
    }

    @Test
    void theRateLimitAppliesAsSoonAsItChanges() throws Exception {
        McpHttp admin = session(adminKey());
        McpHttp accountant = session(demo.key("demo.accountant"));
        set(admin, "bastion.rate-limit.per-minute", "5");
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            Reply reply = accountant.post(PING);
            if (reply.status() == 429) {
                refused++;
                assertTrue(reply.header("Retry-After") != null, reply.headers().toString());
            }
        }
        assertTrue(refused >= 3, "at most 5 of 8 requests in a minute pass: " + refused + " refused");
        settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        assertEquals(200, accountant.post(PING).status(), "back to the default limit at once");
    }

    @Test
    void theIpFilterAppliesAsSoonAsItChanges() throws Exception {
        McpHttp admin = session(adminKey());
        McpHttp sales = session(demo.key("demo.sales.eu"));
        String[] fromDenied = {"X-Forwarded-For", "203.0.113.9"};
        assertEquals(200, sales.post(PING, fromDenied).status(), "no filter yet");

        set(admin, "bastion.trusted-proxies", "\"0.0.0.0/0, ::/0\"");
        set(admin, "bastion.ip-filter.cidrs", "\"203.0.113.0/24\"");
        set(admin, "bastion.ip-filter.mode", "\"deny\"");
        Reply denied = sales.post(PING, fromDenied);
        assertEquals(403, denied.status(), denied.body());
        assertEquals(77, denied.json().getInt("id"));
        assertEquals(200, sales.post(PING, "X-Forwarded-For", "198.51.100.7").status(), "other addresses pass");

        set(admin, "bastion.ip-filter.mode", "\"off\"");
        assertEquals(200, sales.post(PING, fromDenied).status(), "filter off again");
    }

    @Test
    void pageSizeAndRecordCapApplyAsSoonAsTheyChange() throws Exception {
        McpHttp admin = session(adminKey());
        set(admin, "bastion.mcp.page-size", "2");
        JsonObject page = admin.request(4, "tools/list", null).json().getJsonObject("result");
        assertEquals(2, page.getJsonArray("tools").size(), page.toString());
        assertTrue(page.containsKey("nextCursor"), page.toString());

        set(admin, "bastion.max-records", "3");
        JsonObject found = structured(callTool(admin, "search",
                "{\"model\":\"res.partner\",\"fields\":[\"name\"],\"limit\":50}"));
        assertEquals(3, found.getJsonArray("records").size(), found.toString());

        set(admin, "bastion.mcp.page-size", "null");
        set(admin, "bastion.max-records", "null");
        JsonObject all = admin.request(5, "tools/list", null).json().getJsonObject("result");
        assertTrue(all.getJsonArray("tools").size() > 2, all.toString());
        assertEquals(10, structured(callTool(admin, "search",
                "{\"model\":\"res.partner\",\"fields\":[\"name\"],\"limit\":10}")).getJsonArray("records").size());
    }

    @Test
    void theBodyLimitAndTheResultBudgetApplyAsSoonAsTheyChange() throws Exception {
        McpHttp admin = session(adminKey());
        String padded = "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"ping\",\"params\":{\"_meta\":{\"pad\":\""
                + "x".repeat(4000) + "\"}}}";
        assertEquals(200, admin.post(padded).status());
        set(admin, "bastion.mcp.max-body-bytes", "2048");
        assertEquals(413, admin.post(padded).status(), "a 4 KB body over a 2 KB limit");
        set(admin, "bastion.mcp.max-body-bytes", "null");
        assertEquals(200, admin.post(padded).status(), "the default limit again");

        String search = "{\"model\":\"res.partner\",\"fields\":[\"name\",\"email\",\"phone\"],\"limit\":60}";
        JsonObject whole = structured(callTool(admin, "search", search));
        assertEquals(JsonValue.FALSE, whole.get("truncated"), whole.toString());
        set(admin, "bastion.mcp.result-max-bytes", "1024");
        JsonObject cut = structured(callTool(admin, "search", search));
        assertEquals(JsonValue.TRUE, cut.get("truncated"), cut.toString());
        assertTrue(cut.getJsonArray("records").size() < whole.getJsonArray("records").size(), cut.toString());
        assertEquals(cut.getJsonArray("records").size(), cut.getInt("next_offset"), "where to continue");
    }

    @Test
    void cacheHintsAndTheConfirmationPolicyApplyAsSoonAsTheyChange() throws Exception {
        McpHttp admin = session(adminKey());
        McpHttp stateless = new McpHttp(endpoint(), adminKey());
        String list = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        String[] headers = {"MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list"};
        JsonObject before = stateless.post(list, headers).json().getJsonObject("result");
        assertEquals(30_000, before.getJsonNumber("ttlMs").longValue(), before.toString());
        set(admin, "bastion.mcp.cache-ttl", "\"5m\"");
        set(admin, "bastion.mcp.cache-scope", "\"public\"");
        JsonObject after = stateless.post(list, headers).json().getJsonObject("result");
        assertEquals(300_000, after.getJsonNumber("ttlMs").longValue(), after.toString());
        assertEquals("public", after.getString("cacheScope"));

        // This raw client declares no elicitation: with confirmation required, a delete is refused.
        String partner = "{\"model\":\"res.partner\",\"values\":{\"name\":\"Live confirmation\"}}";
        long id = structured(callTool(admin, "create", partner)).getJsonArray("ids").getJsonNumber(0).longValue();
        set(admin, "bastion.mcp.require-confirmation", "true");
        JsonObject refused = callTool(admin, "unlink", "{\"model\":\"res.partner\",\"ids\":[" + id + "]}").json()
                .getJsonObject("result");
        assertEquals(JsonValue.TRUE, refused.get("isError"), refused.toString());
        set(admin, "bastion.mcp.require-confirmation", "false");
        JsonObject deleted = structured(callTool(admin, "unlink", "{\"model\":\"res.partner\",\"ids\":[" + id + "]}"));
        assertEquals(id, deleted.getJsonArray("deleted").getJsonNumber(0).longValue(), deleted.toString());
    }

    @Test
    void lockoutAndCorsOriginsApplyAsSoonAsTheyChange() throws Exception {
        McpHttp admin = session(adminKey());
        McpHttp sales = session(demo.key("demo.sales.eu"));
        set(admin, "bastion.trusted-proxies", "\"0.0.0.0/0, ::/0\"");
        set(admin, "bastion.lockout.threshold", "2");
        set(admin, "bastion.lockout.period", "\"3s\"");
        String[] from = {"X-Forwarded-For", "198.51.100.77"};
        McpHttp wrong = new McpHttp(endpoint(), "bst_wrong-key-0123456789abcdefghijklmnopqrstuvw");
        assertEquals(401, wrong.post(PING, from).status());
        assertEquals(401, wrong.post(PING, from).status());
        assertEquals(429, sales.post(PING, from).status(), "two failures lock the address out, good key or not");
        assertEquals(200, sales.post(PING, "X-Forwarded-For", "198.51.100.78").status(), "other addresses pass");
        Thread.sleep(3_500);
        assertEquals(200, sales.post(PING, from).status(), "the lockout ends after its period");

        String origin = "https://agent.example";
        assertEquals(403, sales.post(PING, "Origin", origin).status(), "an unknown browser origin");
        set(admin, "bastion.cors.origins", "\"" + origin + "\"");
        Reply allowed = sales.post(PING, "Origin", origin);
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals(origin, allowed.header("Access-Control-Allow-Origin"));
    }

    @Test
    void othersCannotReadOrChangeSettings() throws Exception {
        McpHttp sales = session(demo.key("demo.sales.eu"));
        Reply read = callTool(sales, "get_settings", "{}");
        assertEquals("Unknown tool: get_settings", read.json().getJsonObject("error").getString("message"), read.body());
        Reply write = callTool(sales, "set_setting", "{\"key\":\"bastion.rate-limit.per-minute\",\"value\":\"0\"}");
        assertEquals("Unknown tool: set_setting", write.json().getJsonObject("error").getString("message"), write.body());
        assertEquals(600, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));
        assertFalse(settings.snapshot().get(SettingKey.RATE_LIMIT_PER_MINUTE).overridden());
    }
}
