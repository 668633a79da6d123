package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.ModelCounts;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded, deterministic fuzz of the JSON-RPC surface (issue 18): wrong JSON types for every
 * parameter of every tool a demo manager is offered, odd values of the right type (huge and
 * negative numbers, unicode, invalid domains, fields and orders), unknown methods, malformed
 * envelopes, deep nesting and batches, on a 2025-11-25 session and stateless 2026-07-28. Every
 * answer must be below 500, free of stack traces, exception class names and SQL, within the
 * per-request timeout; afterwards every model has the rows it had before. The longest request
 * is printed.
 */
@ExtendWith(ArquillianExtension.class)
class JsonRpcFuzzIT {

    private static final String V2026 = "2026-07-28";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What must never reach a client: stack frames, exception classes, SQL, driver and ORM names. */
    private static final Pattern LEAK = Pattern.compile("(?i)(\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|[a-z]Exception\\b|"
            + "\\bselect\\b[^\"]{0,200}\\bfrom\\b|\\binsert into\\b|\\bupdate [a-z_]+ set\\b|\\bdelete from\\b|eclipse|"
            + "org\\.h2|postgresql|psql|sqlstate|jdbc|\\.java:\\d|hibernate|jakarta\\.|java\\.lang)");

    private static final String DEEP_60 = "[".repeat(60) + "1" + "]".repeat(60);
    private static final String UNICODE = "\"\\u0000 ʕ•ᴥ•ʔ \\ud83d\\ude00 \\u202e \\uffff 漢字\"";
    private static final String LONG_STRING = "\"" + "x".repeat(20_000) + "\"";

    /** Values of every JSON type, for "wrong type" mutations; each is dropped where its type is the right one. */
    private static final List<String> PALETTE = List.of("\"fuzz\"", "\"\"", UNICODE, LONG_STRING, "0", "-1", "1.5",
            "1e400", "-1e400", "123456789012345678901234567890", "true", "false", "null", "[]", "[1,\"a\",null]", "{}",
            "{\"a\":{\"b\":[1]}}", DEEP_60);

    /** Right-typed but odd values, by JSON Schema type, for the tools that only read. */
    private static final Map<String, List<String>> ODD = Map.of(
            "string", List.of(UNICODE, LONG_STRING, "\"\"", "\"res.partner\\u0000\"", "\"../../etc/passwd\"",
                    "\"id desc, nope asc\"", "\"id sideways\"", "\"name:count desc\"", "\"%s%n%x\""),
            "integer", List.of("0", "-1", "-2147483649", "2147483648", "9223372036854775808", "1e30",
                    "123456789012345678901234567890"),
            "array", List.of("[\"nope\"]", "[\"\"]", "[\"name.foo\"]", "[[1]]", "[1e30]", "[-1]", "[9223372036854775808]",
                    "[\"name:median\"]", "[\"date:decade\"]", "[\"name:count\"]", UNICODE.replace("\"", "[\"") + "]"));

    /** Domains that are no valid domain, or odd ones, for search, count and aggregate. */
    private static final List<String> DOMAINS = List.of("[[\"name\",\"ilike\"]]", "[[\"nope\",\"=\",1]]", "[\"|\"]",
            "[\"&\",[\"id\",\"=\",1]]", "[\"!\"]", "[[\"id\",\"=\",{\"a\":1}]]", "[[\"id\",\"=\",[1,2]]]",
            "[[\"id\",\"child_of\",\"x\"]]", "[[\"id\",\"parent_of\",[\"x\"]]]", "[[\"partner_id.name.foo\",\"=\",1]]",
            "[[1,2,3]]", "[[\"id\",\"in\",[1e30]]]", "[[\"id\",\"=\",9223372036854775808]]",
            "[[\"create_date\",\">\",\"not a date\"]]", "[[\"name\",\"=like\",\"%\\u0000\"]]", "[[\"id\",\"like\",5]]",
            "[[\" id\",\"=\",1]]", "[[\"name\",\"in\",\"abc\"]]", "[[\"id\",\"<>\",1]]", "[[\"id\",\"=\",1.5]]",
            "[[\"name\",\"=\",true]]", "[\"|\",\"|\",\"|\",[\"id\",\"=\",1]]", "[[\"id\",\"in\",[1,\"a\",null,{}]]]",
            "[[\"company_id\",\"=\",\"ʕ•ᴥ•ʔ\"]]", "[[\"id\",\"in\",[]]]", "[[\"id\",\"not in\",[]]]",
            "[[\"name\",\"ilike\",\"" + "%".repeat(2000) + "\"]]", "[" + "\"!\",".repeat(50) + "[\"id\",\"=\",1]]");

    /** Arguments each tool is fuzzed from: well-formed, and pointing at nothing where the tool writes. */
    private static final Map<String, Map<String, String>> BASES = Map.ofEntries(
            Map.entry("search", args("model", "\"res.partner\"", "domain", "[]", "fields", "[\"name\"]", "order", "\"id\"",
                    "limit", "5", "offset", "0", "context", "{}")),
            Map.entry("read", args("model", "\"res.partner\"", "ids", "[1]", "fields", "[\"name\"]", "context", "{}")),
            Map.entry("count", args("model", "\"res.partner\"", "domain", "[]", "context", "{}")),
            Map.entry("aggregate", args("model", "\"sale.order\"", "domain", "[]",
                    "group_by", "[\"state\"]", "aggregates", "[\"amount_total:sum\"]", "order", "\"state\"",
                    "limit", "5", "offset", "0", "context", "{}")),
            Map.entry("default_get", args("model", "\"res.partner\"", "fields", "[]", "context", "{}")),
            Map.entry("create", args("model", "\"res.partner\"", "values", "{\"name\":\"fuzz must not exist\"}",
                    "context", "{}")),
            Map.entry("write", args("model", "\"res.partner\"", "ids", "[999999999]", "values", "{\"name\":\"fuzz\"}",
                    "context", "{}")),
            Map.entry("unlink", args("model", "\"res.partner\"", "ids", "[999999999]", "context", "{}")),
            Map.entry("method_call", args("model", "\"sale.order\"", "method", "\"action_confirm\"", "ids", "[999999999]",
                    "args", "[]", "kwargs", "{}", "context", "{}")),
            Map.entry("list_modules", args()),
            Map.entry("list_companies", args()));

    private static final List<String> READ_ONLY = List.of("search", "read", "count", "aggregate", "default_get",
            "list_modules", "list_companies");

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(JsonRpcFuzzIT.class, McpHttp.class, DemoUsers.class, ModelCounts.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    DemoUsers demo;

    @Inject
    ModelCounts counts;

    @Inject
    SettingsService settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private long requests;
    private long longestNanos;
    private String longest = "";
    private int nextId = 1;

    private static Map<String, String> args(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String object(Map<String, String> members) {
        return members.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Where fuzzed messages go: a 2025-11-25 session, or stateless 2026-07-28 requests. */
    private interface Channel {
        String name();

        /** Posts one request of {@code method} with the params members {@code params} (JSON text, no braces). */
        void request(String method, String params, String mcpName);

        /** Posts a raw body with the channel's headers. */
        void raw(String label, byte[] body);
    }

    private URI endpoint() {
        return URI.create(base.toString()).resolve("/mcp");
    }

    private void send(String label, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        // The whole answer within the timeout: HttpRequest.timeout only bounds the wait for headers.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = pending.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            requests++;
            if (took > longestNanos) {
                longestNanos = took;
                longest = label;
            }
            check(label, response.statusCode(), response.body());
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            failures.add(label + ": no complete answer within " + TIMEOUT);
        } catch (java.util.concurrent.ExecutionException e) {
            failures.add(label + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(String label, int status, String body) {
        String shortLabel = label.length() > 300 ? label.substring(0, 300) + "..." : label;
        if (status >= 500) {
            failures.add(shortLabel + ": HTTP " + status + " " + clip(body));
        }
        var leak = LEAK.matcher(body);
        if (leak.find()) {
            failures.add(shortLabel + ": leaks '" + leak.group() + "' in " + clip(body));
        }
    }

    private static String clip(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    private Channel session(String key) throws Exception {
        McpHttp client = new McpHttp(endpoint(), key);
        client.initialize("2025-11-25", Json.createObjectBuilder().build());
        String sessionId = client.sessionId();
        String[] headers = {"Authorization", "Bearer " + key, "Mcp-Session-Id", sessionId,
            "MCP-Protocol-Version", "2025-11-25"};
        return new Channel() {
            @Override
            public String name() {
                return "session";
            }

            @Override
            public void request(String method, String params, String mcpName) {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"" + method + "\",\"params\":{"
                        + params + "}}";
                send("session " + body, body.getBytes(StandardCharsets.UTF_8), headers);
            }

            @Override
            public void raw(String label, byte[] body) {
                send("session raw " + label, body, headers);
            }
        };
    }

    private Channel stateless(String key) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V2026
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
        return new Channel() {
            @Override
            public String name() {
                return "stateless";
            }

            @Override
            public void request(String method, String params, String mcpName) {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"" + method + "\",\"params\":{"
                        + meta + (params.isEmpty() ? "" : "," + params) + "}}";
                List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + key, "MCP-Protocol-Version",
                        V2026, "Mcp-Method", headerValue(method)));
                if (mcpName != null) {
                    headers.addAll(List.of("Mcp-Name", headerValue(mcpName)));
                }
                send("stateless " + body, body.getBytes(StandardCharsets.UTF_8), headers.toArray(String[]::new));
            }

            @Override
            public void raw(String label, byte[] body) {
                send("stateless raw " + label, body, "Authorization", "Bearer " + key, "MCP-Protocol-Version", V2026,
                        "Mcp-Method", "tools/call", "Mcp-Name", "count");
            }
        };
    }

    /** A header value as 2026-07-28 clients send it: plain when printable ASCII, else the Base64 sentinel. */
    private static String headerValue(String value) {
        return value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f) ? value : "=?base64?"
                + java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static boolean hasType(String json, JsonValue schemaType) {
        JsonValue.ValueType actual = json.startsWith("\"") ? JsonValue.ValueType.STRING
                : json.startsWith("[") ? JsonValue.ValueType.ARRAY : json.startsWith("{") ? JsonValue.ValueType.OBJECT
                : json.equals("true") ? JsonValue.ValueType.TRUE : json.equals("false") ? JsonValue.ValueType.FALSE
                : json.equals("null") ? JsonValue.ValueType.NULL : JsonValue.ValueType.NUMBER;
        List<String> types = schemaType instanceof jakarta.json.JsonString s ? List.of(s.getString())
                : schemaType instanceof jakarta.json.JsonArray a ? a.getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList() : List.of();
        for (String type : types) {
            boolean matches = switch (type) {
                case "string" -> actual == JsonValue.ValueType.STRING;
                case "array" -> actual == JsonValue.ValueType.ARRAY;
                case "object" -> actual == JsonValue.ValueType.OBJECT;
                case "boolean" -> actual == JsonValue.ValueType.TRUE || actual == JsonValue.ValueType.FALSE;
                case "null" -> actual == JsonValue.ValueType.NULL;
                case "number" -> actual == JsonValue.ValueType.NUMBER;
                case "integer" -> actual == JsonValue.ValueType.NUMBER && !json.contains(".");
                default -> false;
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private void fuzzTools(Channel channel, JsonObject toolList) {
        for (JsonValue t : toolList.getJsonArray("tools")) {
            JsonObject tool = t.asJsonObject();
            String name = tool.getString("name");
            Map<String, String> baseArgs = BASES.get(name);
            if (baseArgs == null) {
                failures.add("no fuzz base for tool " + name + ": add one to BASES");
                continue;
            }
            JsonObject properties = tool.getJsonObject("inputSchema").getJsonObject("properties");
            boolean readOnly = READ_ONLY.contains(name);
            // The well-formed base writes nothing (ids that do not exist), except create's: not sent.
            if (!name.equals("create")) {
                call(channel, name, object(baseArgs));
            }
            call(channel, name, object(args("unexpected", "1")));
            for (String param : properties.keySet()) {
                JsonObject schema = properties.getJsonObject(param);
                JsonValue type = schema.get("type");
                List<String> values = new ArrayList<>();
                for (String v : PALETTE) {
                    if (type == null ? schema.containsKey("oneOf") && !v.startsWith("{") : !hasType(v, type)) {
                        values.add(v);
                    }
                }
                if (name.equals("create") && param.equals("values")) {
                    values.addAll(List.of("[]", "[1]", "[\"a\"]", "[{}, 1]"));
                }
                if (param.equals("context")) {
                    values.addAll(List.of("{\"tz\":5}", "{\"unknown\":1}", "{\"allowed_company_ids\":[\"a\"]}",
                            "{\"active_test\":\"no\"}", "{\"lang\":[]}"));
                    if (readOnly) {
                        values.addAll(List.of("{\"tz\":\"Mars/Phobos\"}", "{\"tz\":\"\"}", "{\"allowed_company_ids\":[]}",
                                "{\"allowed_company_ids\":[999999,-1]}", "{\"lang\":" + UNICODE + "}"));
                    }
                }
                if (readOnly && type instanceof jakarta.json.JsonString s && ODD.containsKey(s.getString())) {
                    values.addAll(ODD.get(s.getString()));
                }
                if (readOnly && param.equals("domain")) {
                    values.addAll(DOMAINS);
                }
                for (String v : values) {
                    Map<String, String> mutated = new LinkedHashMap<>(baseArgs);
                    mutated.put(param, v);
                    call(channel, name, object(mutated));
                }
                boolean required = tool.getJsonObject("inputSchema").getJsonArray("required")
                        .contains(Json.createValue(param));
                if (name.equals("create") ? required : !readOnly || schema.containsKey("default") || !required) {
                    Map<String, String> without = new LinkedHashMap<>(baseArgs);
                    without.remove(param);
                    call(channel, name, object(without));
                }
            }
        }
        for (String name : List.of("nope", "", "ʕ•ᴥ•ʔ", "search\\u0000")) {
            channel.request("tools/call", "\"name\":\"" + name + "\",\"arguments\":{}", "nope");
        }
        for (String name : PALETTE) {
            if (!name.startsWith("\"")) {
                channel.request("tools/call", "\"name\":" + name + ",\"arguments\":{}", "x");
                channel.request("tools/call", "\"name\":\"count\",\"arguments\":" + name, "count");
            }
        }
    }

    private void call(Channel channel, String tool, String arguments) {
        channel.request("tools/call", "\"name\":\"" + tool + "\",\"arguments\":" + arguments, tool);
    }

    private void fuzzProtocol(Channel channel) {
        for (String method : List.of("foo/bar", "", "tools/list/extra", "rpc.discover", "initialize",
                "notifications/initialized", "ʕ•ᴥ•ʔ", "TOOLS/LIST", "resources/subscribe", "logging/setLevel",
                "server/discover", "sampling/createMessage")) {
            channel.request(method, "", null);
        }
        // A well-formed subscriptions/listen is an endless stream: only malformed ones are fuzzed.
        for (String value : PALETTE) {
            if (!value.startsWith("{") && !value.equals("null")) {
                channel.request("subscriptions/listen", "\"notifications\":" + value, null);
            }
            if (!value.equals("null") && (!value.startsWith("[") || value.equals(DEEP_60) || value.contains("1,"))) {
                channel.request("subscriptions/listen", "\"notifications\":{\"resourceSubscriptions\":" + value + "}", null);
            }
            if (!value.equals("true") && !value.equals("false") && !value.equals("null")) {
                channel.request("subscriptions/listen", "\"notifications\":{\"toolsListChanged\":" + value + "}", null);
            }
        }
        for (String value : PALETTE) {
            channel.request("resources/read", "\"uri\":" + value, value.startsWith("\"") ? "x" : null);
            channel.request("resources/subscribe", "\"uri\":" + value, null);
            channel.request("resources/unsubscribe", "\"uri\":" + value, null);
            channel.request("prompts/get", "\"name\":" + value, "x");
            channel.request("prompts/get", "\"name\":\"customer_360\",\"arguments\":" + value, "customer_360");
            channel.request("logging/setLevel", "\"level\":" + value, null);
            channel.request("tools/list", "\"cursor\":" + value, null);
            channel.request("resources/list", "\"cursor\":" + value, null);
            channel.request("resources/templates/list", "\"cursor\":" + value, null);
            channel.request("prompts/list", "\"cursor\":" + value, null);
            channel.request("completion/complete", "\"ref\":" + value + ",\"argument\":{\"name\":\"id\"}", null);
            channel.request("completion/complete", "\"ref\":{\"type\":\"ref/prompt\",\"name\":\"customer_360\"},"
                    + "\"argument\":" + value, null);
            channel.request("completion/complete", "\"ref\":{\"type\":\"ref/resource\",\"uri\":"
                    + "\"bastion://record/{model}/{id}\"},\"argument\":{\"name\":\"id\",\"value\":" + value + "},"
                    + "\"context\":{\"arguments\":{\"model\":" + value + "}}", null);
        }
        for (String uri : List.of("bastion://record/res.partner/1e400", "bastion://record/res.partner/-1",
                "bastion://record/nope/1", "bastion://record/res.partner/99999999999999999999", "bastion://model/ʕ•ᴥ•ʔ/fields",
                "bastion://module/%00", "bastion://record/{model}/{id}", "file:///etc/passwd", "")) {
            channel.request("resources/read", "\"uri\":\"" + uri + "\"", uri);
        }
        for (String cursor : List.of("!!!", "YmFzdGlvbjotMQ", "YmFzdGlvbjo5OTk5OTk5OTk5OTk5", "YmFzdGlvbjo5OTk5OTk5")) {
            channel.request("tools/list", "\"cursor\":\"" + cursor + "\"", null);
        }
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        List<String> raws = new ArrayList<>(List.of("", " ", "{", "nul", "[]", "[1,2]", "[" + ping + ",\"x\"]", "\"x\"",
                "42", "{\"a\":1}garbage", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}", "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":" + UNICODE + ",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[]}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":5}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":\"x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":{\"progressToken\":{}}}}",
                "[" + (ping + ",").repeat(49) + ping + "]", "[[" + ping + "]]", "[[]]",
                "[" + DEEP_60 + "]", "[".repeat(65) + "]".repeat(65), "{\"a\":".repeat(200) + "1" + "}".repeat(200),
                "[".repeat(1200) + "]".repeat(1200), "[".repeat(100_000),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":"
                        + "{\"model\":\"res.partner\",\"domain\":" + "[".repeat(70) + "]".repeat(70) + "}}}"));
        for (String raw : raws) {
            channel.raw(raw.length() > 200 ? raw.substring(0, 200) + "..." : raw, raw.getBytes(StandardCharsets.UTF_8));
        }
        channel.raw("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        channel.raw("lone surrogate", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8));
        channel.raw("NUL bytes", new byte[] {0, 0, 0, 0});
    }

    @Test
    void theJsonRpcSurfaceAnswersEveryMalformedInputCleanly() throws Exception {
        settings.set(SettingKey.RATE_LIMIT_PER_MINUTE, "0", "JsonRpcFuzzIT");
        try {
            String key = demo.key("demo.manager");
            String salesKey = demo.key("demo.sales.eu");
            Map<String, Long> before = counts.now();
            McpHttp lister = new McpHttp(endpoint(), key);
            lister.initialize("2025-11-25", Json.createObjectBuilder().build());
            JsonObject tools = lister.request(1, "tools/list", null).json().getJsonObject("result");
            assertTrue(tools.getJsonArray("tools").size() >= 8, tools.toString());
            for (Channel channel : List.of(session(key), stateless(key))) {
                fuzzTools(channel, tools);
                fuzzProtocol(channel);
            }
            fuzzProtocol(session(salesKey));
            Map<String, Long> after = counts.now();
            System.out.printf("JsonRpcFuzzIT: %d requests, longest %d ms: %s%n", requests, longestNanos / 1_000_000,
                    longest.length() > 300 ? longest.substring(0, 300) + "..." : longest);
            assertEquals(List.of(), failures, failures.size() + " of " + requests + " answers failed");
            assertEquals(before, after, "rows per model before and after the fuzz");
        } finally {
            settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        }
    }
}
