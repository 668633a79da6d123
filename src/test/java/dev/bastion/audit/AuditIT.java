package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.access.fixture.AccessWorld;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.McpHttp.Reply;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail on the real WAR: every refused kind and every outcome leaves its entry,
 * concurrent clients leave exactly one entry per request, a rolled-back write is audited with
 * its error, secrets never reach it, the chain finds edits, deletions and insertions, the
 * retention purge keeps it verifiable, and only MCP administrators read it while nobody
 * writes it. Runs in the container to flush the writer and to tamper with rows directly.
 */
@ExtendWith(ArquillianExtension.class)
class AuditIT {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"ping\"}";

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.access.fixture").addClasses(AuditIT.class, McpHttp.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AccessWorld fixture;

    @Inject
    AuditWriter writer;

    @Inject
    AuditRetention retention;

    @Inject
    SettingsService settings;

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    private McpHttp client(String key) {
        return new McpHttp(endpoint(), key);
    }

    private McpHttp session(String key, String agent) throws Exception {
        McpHttp session = client(key);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        return session;
    }

    private static String adminKey() {
        return System.getProperty("bastion.admin.api-key");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    /** A tools/call request body with an id. */
    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** Calls a tool as {@code session}'s user; returns its result (isError included). */
    private static JsonObject result(McpHttp session, String tool, String arguments, String agent) throws Exception {
        Reply reply = session.post(call(7, tool, arguments), "User-Agent", agent);
        JsonObject result = reply.json().getJsonObject("result");
        assertNotNull(result, reply.body());
        return result;
    }

    /**
     * The entries whose User-Agent is {@code agent}, oldest first, as column maps, once there
     * are {@code expected} of them (a request's entry is made just after its answer went out).
     */
    private List<Map<String, Object>> entries(String agent, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        List<Map<String, Object>> found = stored(agent);
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            found = stored(agent);
        }
        return found;
    }

    private List<Map<String, Object>> stored(String agent) throws SQLException {
        assertTrue(writer.flush(20_000), "the audit writer stores what it was given");
        List<Map<String, Object>> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select * from mcp_audit_log where user_agent = ? order by id")) {
            select.setString(1, agent);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    found.add(row);
                }
            }
        }
        return found;
    }

    private long sql(String query, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (!query.trim().toLowerCase().startsWith("select")) {
                return statement.executeUpdate();
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private JsonObject verify() throws Exception {
        McpHttp admin = session(adminKey(), "verify");
        Reply reply = admin.post(call(9, "method_call", "{\"model\":\"mcp.audit.log\",\"method\":\"verify_chain\",\"ids\":[]}"));
        assertEquals(JsonValue.FALSE, reply.json().getJsonObject("result").get("isError"), reply.body());
        return reply.json().getJsonObject("result").getJsonObject("structuredContent").getJsonObject("result");
    }

    @Test
    void everyRefusedKindAndEveryOutcomeLeavesItsEntry() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-kinds-" + UUID.randomUUID();
        McpHttp manager = session(w.key("manager"), agent);
        assertEquals(200, manager.post(call(1, "count", "{\"model\":\"res.partner\"}"), "User-Agent", agent).status());
        manager.post(call(2, "count", "{\"model\":\"no.such.model\"}"), "User-Agent", agent);
        McpHttp viewer = session(w.key("viewer"), agent);
        JsonObject denied = result(viewer, "count", "{\"model\":\"sale.order\"}", agent);
        assertEquals(JsonValue.TRUE, denied.get("isError"), "a viewer may not read orders: " + denied);
        manager.post("{\"jsonrpc\":", "User-Agent", agent);
        manager.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"" + "a".repeat(5 << 20) + "\"}",
                "User-Agent", agent);
        client(null).post(PING, "User-Agent", agent);
        client("bst_wrong-key-0123456789abcdefghijklmnopqrstuvw").post(PING, "User-Agent", agent);
        client(w.key("outsider")).post(PING, "User-Agent", agent);
        manager.post(PING, "Origin", "https://evil.example", "User-Agent", agent);

        List<Map<String, Object>> entries = entries(agent, 9);
        List<String> outcomes = entries.stream().map(e -> e.get("outcome") + "/" + e.get("http_status")).toList();
        assertEquals(List.of("ok/200", "tool_error/200", "denied/200", "rpc_error/400", "too_large/413",
                "unauthorized/401", "unauthorized/401", "forbidden/403", "forbidden/403"), outcomes, entries.toString());
        Map<String, Object> ok = entries.get(0);
        assertEquals("tools/call", ok.get("method"));
        assertEquals("count", ok.get("target"));
        assertEquals("res.partner", ok.get("model"));
        assertEquals(w.login("manager"), ok.get("login"));
        assertEquals(manager.sessionId(), ok.get("session_id"));
        assertEquals("2025-11-25", ok.get("protocol_version"));
        assertEquals("1", ok.get("request_id"));
        assertNotNull(ok.get("api_key_prefix"));
        assertNotNull(ok.get("ip"));
        assertTrue(((Number) ok.get("response_bytes")).longValue() > 20, ok.toString());
        assertTrue(String.valueOf(ok.get("params")).contains("res.partner"), ok.toString());
        assertEquals(w.login("viewer"), entries.get(2).get("login"));
        assertEquals(-32700, ((Number) entries.get(3).get("error_code")).intValue());
        assertEquals(null, entries.get(5).get("login"), "refused before the caller was known");
    }

    @Test
    void rateLimitIpFilterLockoutAndADisabledServerLeaveTheirEntries() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-edge-" + UUID.randomUUID();
        McpHttp limited = session(w.key("sales_a"), agent);
        settings.set(SettingKey.RATE_LIMIT_PER_MINUTE, "1", "AuditIT");
        try {
            // The session's handshake already used this minute's request, or this one does.
            limited.post(PING, "User-Agent", agent);
            assertEquals(429, limited.post(PING, "User-Agent", agent).status());
        } finally {
            settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "AuditIT");
        }
        McpHttp manager = session(w.key("manager"), agent);
        settings.set(SettingKey.IP_FILTER_CIDRS, "0.0.0.0/0, ::/0", "AuditIT");
        settings.set(SettingKey.IP_FILTER_MODE, "deny", "AuditIT");
        try {
            assertEquals(403, manager.post(PING, "User-Agent", agent).status());
        } finally {
            settings.reset(SettingKey.IP_FILTER_MODE, "AuditIT");
            settings.reset(SettingKey.IP_FILTER_CIDRS, "AuditIT");
        }
        settings.set(SettingKey.TRUSTED_PROXIES, "0.0.0.0/0, ::/0", "AuditIT");
        settings.set(SettingKey.LOCKOUT_THRESHOLD, "2", "AuditIT");
        try {
            String[] from = {"X-Forwarded-For", "198.51.100.99", "User-Agent", agent};
            McpHttp wrong = client("bst_wrong-key-0123456789abcdefghijklmnopqrstuvw");
            wrong.post(PING, from);
            wrong.post(PING, from);
            assertEquals(429, manager.post(PING, from).status(), "locked out after two failures");
        } finally {
            settings.reset(SettingKey.LOCKOUT_THRESHOLD, "AuditIT");
            settings.reset(SettingKey.TRUSTED_PROXIES, "AuditIT");
        }
        settings.set(SettingKey.SERVER_ENABLED, "false", "AuditIT");
        try {
            assertEquals(503, manager.post(PING, "User-Agent", agent).status());
        } finally {
            settings.reset(SettingKey.SERVER_ENABLED, "AuditIT");
        }
        List<Map<String, Object>> entries = entries(agent, 6);
        List<String> outcomes = entries.stream().map(e -> e.get("outcome") + "/" + e.get("http_status"))
                .filter(o -> !o.startsWith("ok/")).distinct().toList();
        assertEquals(List.of("rate_limited/429", "ip_refused/403", "unauthorized/401", "locked/429", "disabled/503"),
                outcomes);
        assertTrue(entries.stream().anyMatch(e -> "198.51.100.99".equals(e.get("ip"))),
                "the address behind a trusted proxy is the one audited: " + entries);
    }

    @Test
    void concurrentClientsLeaveExactlyOneEntryPerRequest() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-concurrent-" + UUID.randomUUID();
        int clients = 25;
        int perClient = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                String key = w.key(t % 2 == 0 ? "manager" : "sales_a");
                statuses.add(pool.submit(() -> {
                    McpHttp stateless = client(key);
                    int failed = 0;
                    for (int i = 0; i < perClient; i++) {
                        Reply reply = stateless.post("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\","
                                        + "\"params\":{\"name\":\"count\",\"arguments\":{\"model\":\"res.partner\"},"
                                        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "count",
                                "User-Agent", agent);
                        if (reply.status() != 200) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            for (Future<Integer> f : statuses) {
                assertEquals(0, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> entries = entries(agent, clients * perClient);
        Thread.sleep(500);
        assertEquals(clients * perClient, stored(agent).size(), "not one more either");
        assertTrue(entries.stream().allMatch(e -> "ok".equals(e.get("outcome")) && e.get("session_id") == null
                && "2026-07-28".equals(e.get("protocol_version"))), "stateless calls, each its entry");
    }

    @Test
    void aRolledBackCreateIsAuditedWithItsErrorAndLeavesNothing() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-rollback-" + UUID.randomUUID();
        String barcode = "AUD" + System.nanoTime();
        McpHttp manager = session(w.key("manager"), agent);
        long product = result(manager, "create", "{\"model\":\"product.product\",\"values\":{\"name\":\"Audit One\","
                + "\"barcode\":\"" + barcode + "\"}}", agent).getJsonObject("structuredContent").getJsonArray("ids")
                .getJsonNumber(0).longValue();
        // The first new product is inserted, the second breaks the unique barcode: the database rolls both back.
        JsonObject refused = result(manager, "create", "{\"model\":\"product.product\",\"values\":["
                + "{\"name\":\"Audit Rolled Back " + barcode + "\"},{\"name\":\"Audit Twin\",\"barcode\":\"" + barcode
                + "\"}]}", agent);
        assertEquals(JsonValue.TRUE, refused.get("isError"), refused.toString());
        JsonObject left = result(manager, "count", "{\"model\":\"product.product\",\"domain\":[[\"name\",\"=\","
                + "\"Audit Rolled Back " + barcode + "\"]]}", agent);
        assertEquals(0, left.getJsonObject("structuredContent").getInt("count"), "nothing of the refused create is kept");
        result(manager, "read", "{\"model\":\"product.product\",\"ids\":[" + product + "],\"fields\":[\"name\"]}", agent);

        List<Map<String, Object>> entries = entries(agent, 4);
        assertEquals(List.of("ok", "tool_error", "ok", "ok"), entries.stream().map(e -> e.get("outcome")).toList(),
                entries.toString());
        assertEquals("{\"product.product\":{\"create\":[" + product + "]}}", entries.get(0).get("record_ids"));
        assertTrue(String.valueOf(entries.get(1).get("params")).contains("Audit Twin"),
                "the refused values are kept: " + entries.get(1));
        assertEquals("{\"product.product\":{\"create\":[]}}", entries.get(1).get("record_ids"),
                "the refused create created nothing");
        assertEquals("{\"product.product\":{\"read\":[" + product + "]}}", entries.get(3).get("record_ids"));
    }

    @Test
    void secretsNeverReachTheAudit() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-secrets-" + UUID.randomUUID();
        McpHttp admin = session(adminKey(), agent);
        JsonObject issued = result(admin, "method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\","
                + "\"ids\":[" + w.user("viewer") + "],\"args\":[\"audit secret test\"]}", agent);
        String key = issued.getJsonObject("structuredContent").getJsonObject("result").getString("key");
        assertTrue(key.startsWith("bst_"), issued.toString());
        result(admin, "search", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=\",\"" + key + "\"]]}", agent);
        result(admin, "write", "{\"model\":\"res.users\",\"ids\":[" + w.user("viewer") + "],"
                + "\"values\":{\"password\":\"hunter2-audit\"}}", agent);

        List<Map<String, Object>> entries = entries(agent, 3);
        assertEquals(3, entries.size(), entries.toString());
        assertEquals(0, sql("select count(*) from mcp_audit_log where params like ?", "%" + key.substring(4) + "%"),
                "an issued key appears nowhere in the audit");
        assertEquals(0, sql("select count(*) from mcp_audit_log where params like ?", "%hunter2-audit%"));
        assertTrue(String.valueOf(entries.get(1).get("params")).contains(AuditTrail.REDACTED),
                "a key pasted into an argument is redacted: " + entries.get(1));
    }

    @Test
    void theChainFindsAnEditedADeletedAndAnInsertedEntry() throws Exception {
        String agent = "audit-chain-" + UUID.randomUUID();
        McpHttp manager = session(fixture.world().key("manager"), agent);
        for (int i = 0; i < 6; i++) {
            manager.post(PING, "User-Agent", agent);
        }
        List<Map<String, Object>> entries = entries(agent, 6);
        assertEquals(6, entries.size());
        assertEquals(JsonValue.TRUE, verify().get("intact"), "intact before anyone touches it");
        long id = ((Number) entries.get(2).get("id")).longValue();
        long seq = ((Number) entries.get(2).get("seq")).longValue();
        String chain = (String) entries.get(2).get("chain");

        sql("update mcp_audit_log set ip = '10.6.6.6' where id = ?", id);
        JsonObject edited = verify();
        assertEquals(JsonValue.FALSE, edited.get("intact"));
        assertEquals("edited", edited.getJsonObject("problem").getString("kind"), edited.toString());
        assertEquals(seq, edited.getJsonObject("problem").getJsonNumber("seq").longValue());
        sql("update mcp_audit_log set ip = ? where id = ?", entries.get(2).get("ip"), id);
        assertEquals(JsonValue.TRUE, verify().get("intact"), "restored");

        Map<String, Object> row = entries.get(3);
        sql("delete from mcp_audit_log where id = ?", row.get("id"));
        JsonObject deleted = verify();
        assertEquals("deleted", deleted.getJsonObject("problem").getString("kind"), deleted.toString());
        assertEquals(seq + 1, deleted.getJsonObject("problem").getJsonNumber("seq").longValue());
        reinsert(row);
        assertEquals(JsonValue.TRUE, verify().get("intact"), "restored");

        sql("insert into mcp_audit_log (chain, seq, create_date, outcome, http_status, duration_ms, response_bytes, "
                + "prev_hash, hash, method) values (?, ?, ?, 'ok', 200, 1, 1, ?, ?, 'tools/call')", chain, seq + 1_000_000,
                LocalDateTime.now(ZoneOffset.UTC), entries.get(5).get("hash"), "f".repeat(64));
        JsonObject inserted = verify();
        assertEquals("inserted", inserted.getJsonObject("problem").getString("kind"), inserted.toString());
        sql("delete from mcp_audit_log where chain = ? and seq = ?", chain, seq + 1_000_000);
        assertEquals(JsonValue.TRUE, verify().get("intact"));
    }

    private void reinsert(Map<String, Object> row) throws SQLException {
        List<String> columns = new ArrayList<>(row.keySet());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into mcp_audit_log (" + String.join(", ", columns) + ") values ("
                        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")")) {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, row.get(columns.get(i)));
            }
            insert.executeUpdate();
        }
    }

    @Test
    void theRetentionPurgeKeepsTheChainVerifiable() throws Exception {
        String agent = "audit-retention-" + UUID.randomUUID();
        McpHttp manager = session(fixture.world().key("manager"), agent);
        manager.post(PING, "User-Agent", agent);
        assertEquals(1, entries(agent, 1).size());
        settings.set(SettingKey.AUDIT_RETENTION, "1d", "AuditIT");
        try {
            // A day and a minute from now, everything written so far is older than a day.
            long removed = retention.purge(LocalDateTime.now(ZoneOffset.UTC).plusDays(1).plusMinutes(1));
            assertTrue(removed >= 1, "removed " + removed);
            assertEquals(0, stored(agent).size());
        } finally {
            settings.reset(SettingKey.AUDIT_RETENTION, "AuditIT");
        }
        manager.post(PING, "User-Agent", agent);
        assertEquals(1, entries(agent, 1).size(), "the chain goes on after the purge");
        JsonObject report = verify();
        assertEquals(JsonValue.TRUE, report.get("intact"), report.toString());
    }

    @Test
    void withLogLinesOnEveryEntryIsAlsoOneJsonLineInTheServerLog() throws Exception {
        String agent = "audit-lines-" + UUID.randomUUID();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("bastion.audit");
        log.addHandler(capture);
        McpHttp manager = session(fixture.world().key("manager"), agent);
        try {
            manager.post(PING, "User-Agent", agent + "-off");
            entries(agent + "-off", 1);
            settings.set(SettingKey.AUDIT_LOG_LINES, "true", "AuditIT");
            manager.post(PING, "User-Agent", agent);
            entries(agent, 1);
        } finally {
            settings.reset(SettingKey.AUDIT_LOG_LINES, "AuditIT");
            log.removeHandler(capture);
        }
        List<String> mine = lines.stream().filter(l -> l.contains(agent)).toList();
        assertEquals(1, mine.size(), "one line, and none while the setting was off: " + mine);
        JsonObject line = json(mine.get(0));
        assertEquals("ping", line.getString("method"));
        assertEquals("ok", line.getString("outcome"));
        assertTrue(line.getString("create_date").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), line.toString());
        assertEquals(64, line.getString("hash").length());
    }

    @Test
    void onlyMcpAdministratorsReadTheAuditAndNobodyWritesIt() throws Exception {
        AccessWorld.World w = fixture.world();
        String agent = "audit-access-" + UUID.randomUUID();
        for (String role : List.of("manager", "viewer", "sales_a")) {
            McpHttp other = session(w.key(role), agent);
            for (String tool : List.of("search", "count")) {
                JsonObject refused = result(other, tool, "{\"model\":\"mcp.audit.log\"}", agent);
                assertEquals(JsonValue.TRUE, refused.get("isError"), role + " " + tool + ": " + refused);
                assertFalse(refused.toString().contains("\"count\":"), "not even a count: " + refused);
            }
        }
        // Reads are stored off the request path: the six are awaited before an administrator looks.
        entries(agent, 6);
        McpHttp admin = session(adminKey(), agent);
        JsonObject found = result(admin, "search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"user_agent\",\"=\",\""
                + agent + "\"]],\"fields\":[\"outcome\",\"login\",\"target\"]}", agent);
        assertEquals(JsonValue.FALSE, found.get("isError"), found.toString());
        assertEquals(6, found.getJsonObject("structuredContent").getJsonArray("records").size(),
                "the six refusals are there: " + found);
        long any = found.getJsonObject("structuredContent").getJsonArray("records").getJsonObject(0).getInt("id");
        for (String attempt : List.of(
                call(1, "create", "{\"model\":\"mcp.audit.log\",\"values\":{\"method\":\"forged\"}}"),
                call(2, "write", "{\"model\":\"mcp.audit.log\",\"ids\":[" + any + "],\"values\":{\"outcome\":\"ok\"}}"),
                call(3, "unlink", "{\"model\":\"mcp.audit.log\",\"ids\":[" + any + "]}"))) {
            JsonObject refused = admin.post(attempt, "User-Agent", agent).json().getJsonObject("result");
            assertEquals(JsonValue.TRUE, refused.get("isError"), "not even an administrator changes it: " + refused);
        }
        // The six refusals, the search and the three attempts (the sessions' initialize names no agent).
        List<Map<String, Object>> entries = entries(agent, 10);
        assertEquals(10, entries.size(), "one entry per request: " + entries);
        assertTrue(entries.stream().anyMatch(e -> "search".equals(e.get("target")) && "mcp.audit.log".equals(e.get("model"))
                && "ok".equals(e.get("outcome")) && "admin".equals(e.get("login"))), "reading the audit is audited");
        // The delete may already stop at the confirmation it needs; create and write are refused by the engine.
        assertTrue(entries.stream().filter(e -> "denied".equals(e.get("outcome")) && "admin".equals(e.get("login")))
                .count() >= 2, "the refused changes are denials: " + entries);

        // What an administrator asks: which tool calls failed today, grouped by tool.
        JsonObject failed = result(admin, "aggregate", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"method\",\"=\","
                + "\"tools/call\"],[\"outcome\",\"in\",[\"tool_error\",\"denied\",\"rpc_error\"]],[\"user_agent\",\"=\",\""
                + agent + "\"],[\"create_date\",\">=\",\"" + LocalDateTime.now(ZoneOffset.UTC).toLocalDate() + " 00:00:00\"]],"
                + "\"group_by\":[\"target\"]}", agent);
        assertEquals(JsonValue.FALSE, failed.get("isError"), failed.toString());
        Map<String, Integer> byTool = new TreeMap<>();
        failed.getJsonObject("structuredContent").getJsonArray("groups").forEach(g -> byTool.put(
                g.asJsonObject().getString("target"), g.asJsonObject().getInt("__count")));
        assertEquals(3, byTool.get("search"), failed.toString());
        assertEquals(3, byTool.get("count"), failed.toString());

        settings.set(SettingKey.MCP_PAGE_SIZE, "77", "audit-it-admin");
        settings.reset(SettingKey.MCP_PAGE_SIZE, "audit-it-admin");
        assertTrue(writer.flush(20_000));
        assertEquals(2, sql("select count(*) from mcp_audit_log where method = 'settings/changed' and login = ? "
                + "and target = ?", "audit-it-admin", SettingKey.MCP_PAGE_SIZE.key()), "each change with old and new value");
    }
}
