package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /audit/export} on the real WAR: an administrator gets the entries of a range as
 * JSON Lines and as CSV that parses back to the same values (commas, quotes in parameters and
 * user agent), in order, with every column; callers without a key get 401, others 403, bad
 * ranges and formats 400; every export, refused or not, leaves its own entry. Runs in the
 * container to flush the audit writer and to issue a demo user's key.
 */
@ExtendWith(ArquillianExtension.class)
class AuditExportIT {

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final String HASH = "[0-9a-f]{64}";

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(AuditExportIT.class, McpHttp.class, DemoUsers.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AuditWriter writer;

    @Inject
    DemoUsers demo;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static String adminKey() {
        return System.getProperty("bastion.admin.api-key");
    }

    /** A user agent no other request has: commas and quotes on purpose, for the CSV. */
    private static String uniqueAgent() {
        return "audit-export-it/" + UUID.randomUUID() + " (tests, \"quoted\")";
    }

    private HttpResponse<String> export(String key, String agent, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/audit/export?" + query))
                .timeout(Duration.ofSeconds(60)).header("User-Agent", agent).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String range(Instant from, Instant to, String format) {
        return "from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8) + "&format=" + format;
    }

    private static List<JsonObject> jsonLines(String body) {
        List<JsonObject> entries = new ArrayList<>();
        for (String line : body.split("\n")) {
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                entries.add(reader.readObject());
            }
        }
        return entries;
    }

    /** The entries of a JSON Lines export the request with {@code agent} left. */
    private static List<JsonObject> of(List<JsonObject> entries, String agent) {
        return entries.stream().filter(e -> e.get("user_agent") instanceof JsonString ua && ua.getString().equals(agent))
                .toList();
    }

    @Test
    void anAdministratorGetsTheRangeAsJsonLinesAndAsCsvWithTheSameValues() throws Exception {
        String agent = uniqueAgent();
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        McpHttp admin = new McpHttp(URI.create(base.toString()).resolve("/mcp"), adminKey());
        admin.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        String count = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                + "\"arguments\":{\"model\":\"res.partner\"}}}";
        String search = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                + "\"arguments\":{\"model\":\"res.partner\",\"domain\":[[\"name\",\"ilike\",\"a, \\\"b\\\"\"]],"
                + "\"fields\":[\"name\"]}}}";
        assertEquals(200, admin.post(count, "User-Agent", agent).status());
        assertEquals(200, admin.post(search, "User-Agent", agent).status());
        assertTrue(writer.flush(10_000), "the audit writer stored the entries");
        Instant to = Instant.now().plusSeconds(1);

        HttpResponse<String> jsonl = export(adminKey(), agent, range(from, to, "jsonl"));
        assertEquals(200, jsonl.statusCode(), jsonl.body());
        assertTrue(jsonl.headers().firstValue("Content-Type").orElse("").startsWith("application/jsonl"));
        List<JsonObject> all = jsonLines(jsonl.body());
        List<JsonObject> mine = of(all, agent);
        assertEquals(2, mine.size(), jsonl.body());
        for (JsonObject entry : all) {
            assertEquals(AuditExport.COLUMNS, List.copyOf(entry.keySet()), "every column, in table order: " + entry);
            assertTrue(entry.getString("create_date").matches(TIME), entry.getString("create_date"));
            assertTrue(entry.getString("hash").matches(HASH) && entry.getString("prev_hash").matches(HASH), entry.toString());
        }
        for (int i = 1; i < all.size(); i++) {
            String previous = all.get(i - 1).getString("create_date");
            String next = all.get(i).getString("create_date");
            assertTrue(previous.compareTo(next) < 0 || previous.equals(next)
                    && all.get(i - 1).getJsonNumber("id").longValue() < all.get(i).getJsonNumber("id").longValue(),
                    "ordered by create_date, id: " + all.get(i - 1) + " then " + all.get(i));
        }
        JsonObject counted = mine.get(0);
        assertEquals("tools/call", counted.getString("method"));
        assertEquals("count", counted.getString("target"));
        assertEquals("ok", counted.getString("outcome"));
        assertEquals(200, counted.getInt("http_status"));
        assertEquals("admin", counted.getString("login"));
        assertEquals(admin.sessionId(), counted.getString("session_id"));
        assertEquals("2025-11-25", counted.getString("protocol_version"));
        assertEquals("1", counted.getString("request_id"));
        assertEquals(JsonValue.NULL, counted.get("error_code"));
        assertTrue(counted.get("uid") instanceof JsonNumber && counted.get("api_key_id") instanceof JsonNumber, counted.toString());
        assertTrue(counted.getString("params").contains("res.partner"), counted.toString());
        assertEquals("search", mine.get(1).getString("target"));
        assertTrue(mine.get(1).getString("params").contains("a, \\\"b\\\""), mine.get(1).toString());

        HttpResponse<String> csv = export(adminKey(), agent, range(from, to, "csv"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("text/csv;charset=UTF-8", csv.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        String disposition = csv.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.matches("attachment; filename=\"bastion-audit-\\d{8}T\\d{6}Z-\\d{8}T\\d{6}Z\\.csv\""),
                disposition);
        List<List<String>> rows = parseCsv(csv.body());
        assertEquals(AuditExport.COLUMNS, rows.get(0), "the header row names the columns");
        Map<String, JsonObject> byId = all.stream().collect(Collectors.toMap(e -> e.get("id").toString(),
                Function.identity()));
        int agentColumn = AuditExport.COLUMNS.indexOf("user_agent");
        int matched = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(AuditExport.COLUMNS.size(), row.size(), row.toString());
            JsonObject entry = byId.get(row.get(0));
            if (entry == null) {
                continue; // written after the JSON Lines export: the first export's own entry
            }
            for (int i = 0; i < row.size(); i++) {
                JsonValue value = entry.get(AuditExport.COLUMNS.get(i));
                String expected = value == JsonValue.NULL ? "" : value instanceof JsonString s ? s.getString() : value.toString();
                assertEquals(expected, row.get(i), AuditExport.COLUMNS.get(i) + " of entry " + row.get(0));
            }
            matched += agent.equals(row.get(agentColumn)) ? 1 : 0;
        }
        assertEquals(2, matched, "both calls are in the CSV with the same values as in JSON Lines");
    }

    @Test
    void everyExportRefusedOrNotLeavesItsOwnEntry() throws Exception {
        String agent = uniqueAgent();
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Instant to = from.plus(Duration.ofHours(1));
        String query = range(from, to, "csv");

        HttpResponse<String> anonymous = export(null, agent, query);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> badKey = export("bst_not-a-key-0123456789abcdefghij", agent, query);
        assertEquals(401, badKey.statusCode());
        assertTrue(badKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> sales = export(demo.key("demo.sales.eu"), agent, query);
        assertEquals(403, sales.statusCode(), sales.body());
        assertTrue(error(sales).contains("'demo.sales.eu' may not read the audit trail"), sales.body());

        assertBadRequest(agent, "to=" + to + "&format=csv", "Missing 'from'");
        assertBadRequest(agent, "from=yesterday&to=" + to, "'from' is not an ISO-8601 instant");
        assertBadRequest(agent, "from=" + to + "&to=" + from, "must be after 'from'");
        assertBadRequest(agent, "from=2026-01-01&to=2026-03-01", "longer than 31 days");
        assertBadRequest(agent, query.replace("format=csv", "format=xml"), "Unknown format 'xml': use jsonl or csv");
        assertEquals(200, export(adminKey(), agent, query).statusCode());
        assertTrue(writer.flush(10_000));

        List<JsonObject> exports = of(jsonLines(export(adminKey(), "another agent", range(from,
                Instant.now().plusSeconds(1), "jsonl")).body()), agent);
        assertEquals(List.of("unauthorized", "unauthorized", "forbidden", "rpc_error", "rpc_error", "rpc_error",
                "rpc_error", "rpc_error", "ok"), exports.stream().map(e -> e.getString("outcome")).toList(),
                exports.toString());
        assertEquals(List.of(401, 401, 403, 400, 400, 400, 400, 400, 200),
                exports.stream().map(e -> e.getInt("http_status")).toList());
        exports.forEach(e -> assertEquals(AuditExport.METHOD, e.getString("method")));
        assertEquals(JsonValue.NULL, exports.get(0).get("login"), "nobody known without a key");
        assertEquals("demo.sales.eu", exports.get(2).getString("login"));
        JsonObject done = exports.get(8);
        assertEquals("admin", done.getString("login"));
        assertEquals("csv " + new ExportRange(from, to), done.getString("target"));
        assertEquals("mcp.audit.log", done.getString("model"));
        JsonObject records = Json.createReader(new StringReader(done.getString("record_ids"))).readObject();
        assertNotNull(records.getJsonObject("mcp.audit.log").getJsonNumber("exported"), done.toString());
        assertTrue(done.getJsonNumber("response_bytes").longValue() > 0, done.toString());
        JsonObject params = Json.createReader(new StringReader(done.getString("params"))).readObject();
        assertEquals("csv", params.getString("format"));
        assertEquals(from.toString(), params.getString("from"));
    }

    private void assertBadRequest(String agent, String query, String message) throws Exception {
        HttpResponse<String> response = export(adminKey(), agent, query);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        assertTrue(error(response).contains(message), query + ": " + response.body());
    }

    private static String error(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject().getString("error");
    }

    /** RFC 4180: records end with CRLF, quoted fields may hold commas, CR, LF and doubled quotes. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, field.length(), "a quote only opens a field");
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', text.charAt(i + 1), "records end with CRLF");
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertTrue(c != '\n', "a bare LF outside quotes");
                field.append(c);
            }
        }
        assertTrue(field.length() == 0 && record.isEmpty() && !quoted, "the last record ends with CRLF");
        return records;
    }
}
