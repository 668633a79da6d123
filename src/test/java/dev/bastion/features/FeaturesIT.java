package dev.bastion.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.NodeClients;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an AI client sees of the shipped WAR, through the official Java and TypeScript SDK
 * clients and plain HTTP: discovery through resources, the built-in tools from search to a
 * paid invoice, aggregates, the seeded prompts, live tool edits reaching open streams of every
 * revision, record subscriptions, a read-only user, and destructive calls with and without the
 * user's confirmation. Everything it needs (customer, product, users, keys) the admin creates
 * through MCP first, which is also how ops onboard users without the admin pages.
 */
@ExtendWith(ArquillianExtension.class)
class FeaturesIT {

    private static final String ADMIN_KEY = System.getProperty("it.admin.api-key",
            "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz");

    private static World world;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @ArquillianResource
    URL base;

    /**
     * What the admin set up through MCP.
     *
     * @param readerKey key of a user whose groups only read (MCP User + a read-only group)
     */
    record World(String tag, long partner, String partnerName, long product, String readerKey) {
    }

    private String root() {
        return "http://localhost:" + base.getPort();
    }

    private URI endpoint() {
        return URI.create(root() + "/mcp");
    }

    private McpSyncClient client(String key, Consumer<McpClient.SyncSpec> customize) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(root()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key)).build();
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("bastion-features-it", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(60));
        customize.accept(spec);
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    private McpSyncClient admin() {
        return client(ADMIN_KEY, spec -> { });
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Arguments written as JSON, as the SDK wants them (maps, lists, numbers, strings). */
    private static Map<String, Object> args(String jsonText) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(json(jsonText));
        return map;
    }

    private static Object plain(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.asJsonObject().forEach((k, x) -> m.put(k, plain(x)));
                yield m;
            }
            case ARRAY -> v.asJsonArray().stream().map(FeaturesIT::plain).toList();
            case NUMBER -> ((JsonNumber) v).isIntegral() ? (Object) ((JsonNumber) v).longValue()
                    : (Object) ((JsonNumber) v).doubleValue();
            case STRING -> ((JsonString) v).getString();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
        };
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** Calls a tool that must succeed; returns its result as JSON (the text block mirrors structuredContent). */
    private static JsonObject call(McpSyncClient client, String tool, String arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args(arguments)));
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> tool + " " + arguments + " -> " + text(result));
        assertNotNull(result.structuredContent(), tool + " returns structured content");
        return json(text(result));
    }

    private static long firstId(JsonObject created) {
        return created.getJsonArray("ids").getJsonNumber(0).longValue();
    }

    private synchronized World world() {
        if (world != null) {
            return world;
        }
        String tag = Long.toString(System.nanoTime(), 36);
        try (McpSyncClient admin = admin()) {
            String partnerName = "Features Customer " + tag;
            long partner = firstId(call(admin, "create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + partnerName
                    + "\",\"customer_rank\":1,\"email\":\"buyer-" + tag + "@example.com\"}}"));
            long product = firstId(call(admin, "create", "{\"model\":\"product.product\",\"values\":{\"name\":\"Features Widget "
                    + tag + "\",\"list_price\":100.0}}"));
            // A confirmed order, so clients have something to search and total on an empty (PostgreSQL) database too.
            long order = firstId(call(admin, "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + partner
                    + ",\"order_line\":[[0,0,{\"product_id\":" + product + "}]]}}"));
            call(admin, "method_call", "{\"model\":\"sale.order\",\"method\":\"action_confirm\",\"ids\":[" + order + "]}");
            long readers = firstId(call(admin, "create", "{\"model\":\"res.groups\",\"values\":{\"name\":\"Auditors " + tag + "\",\"xml_id\":\"it.auditors_" + tag + "\",\"category\":\"Audit\"}}"));
            for (String model : List.of("res.partner", "sale.order", "account.move", "res.company", "product.product")) {
                call(admin, "create", "{\"model\":\"ir.model.access\",\"values\":{\"name\":\"audit " + model + " " + tag
                        + "\",\"model\":\"" + model + "\",\"group_id\":" + readers + ",\"perm_read\":true}}");
            }
            String readerKey = provision(admin, "feat.reader." + tag, List.of(3L, readers));
            world = new World(tag, partner, partnerName, product, readerKey);
            return world;
        }
    }

    /** Creates a user with {@code groups} and issues their API key, all through MCP; returns the key. */
    private static String provision(McpSyncClient admin, String login, List<Long> groups) {
        long user = firstId(call(admin, "create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                + "\",\"name\":\"" + login + "\",\"tz\":\"Europe/Brussels\",\"lang\":\"en_US\",\"company_id\":1,"
                + "\"company_ids\":[[6,0,[1]]],\"groups_id\":[[6,0," + groups + "]]}}"));
        JsonObject issued = call(admin, "method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\","
                + "\"ids\":[" + user + "],\"kwargs\":{\"name\":\"features it\"}}").getJsonObject("result");
        return issued.getString("key");
    }

    @Test
    void discoverModelsFromResourcesThenSearchWithADomain() {
        World w = world();
        try (McpSyncClient admin = admin()) {
            JsonObject models = json(((McpSchema.TextResourceContents) admin.readResource(
                    new McpSchema.ReadResourceRequest("bastion://models")).contents().get(0)).text());
            List<String> names = models.getJsonArray("models").stream()
                    .map(m -> m.asJsonObject().getString("model")).toList();
            assertTrue(names.containsAll(List.of("res.partner", "sale.order", "account.move")), names.toString());

            JsonObject fields = json(((McpSchema.TextResourceContents) admin.readResource(
                    new McpSchema.ReadResourceRequest("bastion://model/res.partner/fields")).contents().get(0)).text());
            assertEquals("char", fields.getJsonObject("fields").getJsonObject("email").getString("type"));

            JsonObject found = call(admin, "search", "{\"model\":\"res.partner\",\"domain\":[[\"email\",\"=ilike\",\"buyer-"
                    + w.tag() + "@%\"],[\"customer_rank\",\">\",0]],\"fields\":[\"name\",\"email\"]}");
            assertEquals(1, found.getInt("total"));
            assertEquals(w.partner(), found.getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue());
            assertEquals(w.partnerName(), found.getJsonArray("records").getJsonObject(0).getString("name"));

            McpSchema.CallToolResult typo = admin.callTool(new McpSchema.CallToolRequest("search",
                    args("{\"model\":\"res.partner\",\"domain\":[[\"emial\",\"=\",\"x\"]]}")));
            assertTrue(typo.isError());
            assertTrue(text(typo).contains("did you mean 'email'"), text(typo));

            McpSchema.CompleteResult models2 = admin.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.ResourceReference("bastion://model/{model}/fields"),
                    new McpSchema.CompleteRequest.CompleteArgument("model", "sale.")));
            assertTrue(models2.completion().values().contains("sale.order"), models2.toString());
            McpSchema.CompleteResult ids = admin.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.ResourceReference("bastion://record/{model}/{id}"),
                    new McpSchema.CompleteRequest.CompleteArgument("id", "Features Customer " + w.tag()),
                    new McpSchema.CompleteRequest.CompleteContext(Map.of("model", "res.partner"))));
            assertEquals(List.of(Long.toString(w.partner())), ids.completion().values());
        }
    }

    @Test
    void anOrderWithLinesInOneCallThenConfirmInvoicePostAndPay() {
        World w = world();
        try (McpSyncClient admin = admin()) {
            long order = firstId(call(admin, "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partner()
                    + ",\"order_line\":[[0,0,{\"product_id\":" + w.product() + ",\"product_uom_qty\":3}],"
                    + "[0,0,{\"product_id\":" + w.product() + ",\"product_uom_qty\":1,\"discount\":50}]]}}"));
            JsonObject read = call(admin, "read", "{\"model\":\"sale.order\",\"ids\":[" + order
                    + "],\"fields\":[\"order_line\",\"amount_untaxed\",\"state\"]}").getJsonArray("records").getJsonObject(0);
            assertEquals(2, read.getJsonArray("order_line").size());
            assertEquals(350.0, read.getJsonNumber("amount_untaxed").doubleValue(), 0.001);

            call(admin, "method_call", "{\"model\":\"sale.order\",\"method\":\"action_confirm\",\"ids\":[" + order + "]}");
            long invoice = call(admin, "method_call", "{\"model\":\"sale.order\",\"method\":\"action_create_invoice\",\"ids\":["
                    + order + "]}").getJsonArray("result").getJsonNumber(0).longValue();
            call(admin, "method_call", "{\"model\":\"account.move\",\"method\":\"action_post\",\"ids\":[" + invoice + "]}");
            JsonObject posted = call(admin, "read", "{\"model\":\"account.move\",\"ids\":[" + invoice
                    + "],\"fields\":[\"state\",\"name\",\"amount_total\"]}").getJsonArray("records").getJsonObject(0);
            assertEquals("posted", posted.getString("state"));
            double total = posted.getJsonNumber("amount_total").doubleValue();
            call(admin, "method_call", "{\"model\":\"account.move\",\"method\":\"action_register_payment\",\"ids\":["
                    + invoice + "],\"kwargs\":{\"amount\":" + total + ",\"date\":\"" + LocalDate.now() + "\"}}");
            assertEquals("paid", call(admin, "read", "{\"model\":\"account.move\",\"ids\":[" + invoice
                    + "],\"fields\":[\"payment_state\"]}").getJsonArray("records").getJsonObject(0).getString("payment_state"));

            McpSchema.CallToolResult again = admin.callTool(new McpSchema.CallToolRequest("method_call",
                    args("{\"model\":\"sale.order\",\"method\":\"action_confirm\",\"ids\":[" + order + "]}")));
            assertTrue(again.isError(), "confirming twice is a readable refusal");
        }
    }

    @Test
    void aggregateRevenueByMonth() {
        World w = world();
        try (McpSyncClient admin = admin()) {
            for (int qty : new int[] {1, 2}) {
                call(admin, "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partner()
                        + ",\"date_order\":\"2026-03-1" + qty + "T10:00:00\",\"order_line\":[[0,0,{\"product_id\":"
                        + w.product() + ",\"product_uom_qty\":" + qty + ",\"tax_rate\":0}]]}}");
            }
            JsonArray groups = call(admin, "aggregate", "{\"model\":\"sale.order\",\"domain\":[[\"partner_id\",\"=\","
                    + w.partner() + "],[\"date_order\",\"<\",\"2026-04-01\"]],\"group_by\":[\"date_order:month\"],"
                    + "\"aggregates\":[\"amount_total:sum\"]}").getJsonArray("groups");
            assertEquals(1, groups.size(), groups.toString());
            assertEquals("2026-03", groups.getJsonObject(0).getString("date_order:month"));
            assertEquals(2, groups.getJsonObject(0).getInt("__count"));
            assertEquals(300.0, groups.getJsonObject(0).getJsonNumber("amount_total:sum").doubleValue(), 0.001);
        }
    }

    @Test
    void everySeededPromptRendersAndNamesAMissingArgument() {
        World w = world();
        try (McpSyncClient admin = admin()) {
            List<McpSchema.Prompt> prompts = admin.listPrompts().prompts();
            List<String> names = prompts.stream().map(McpSchema.Prompt::name).toList();
            assertTrue(names.containsAll(List.of("overdue_invoices", "sales_pipeline_review", "customer_360", "monthly_revenue")),
                    names.toString());
            for (McpSchema.Prompt prompt : prompts) {
                Map<String, Object> arguments = new LinkedHashMap<>();
                prompt.arguments().forEach(a -> arguments.put(a.name(), "customer_360".equals(prompt.name())
                        ? w.partnerName() : "7"));
                String rendered = ((McpSchema.TextContent) admin.getPrompt(new McpSchema.GetPromptRequest(prompt.name(),
                        arguments)).messages().get(0).content()).text();
                assertFalse(rendered.matches("(?s).*\\{[a-z_]+}.*"), prompt.name() + " left a placeholder: " + rendered);
            }
            String customer = ((McpSchema.TextContent) admin.getPrompt(new McpSchema.GetPromptRequest("customer_360",
                    Map.of("partner", w.partnerName()))).messages().get(0).content()).text();
            assertTrue(customer.contains("\"" + w.partnerName() + "\""), customer);
            String pipeline = ((McpSchema.TextContent) admin.getPrompt(new McpSchema.GetPromptRequest("sales_pipeline_review",
                    Map.of("months", "3"))).messages().get(0).content()).text();
            assertTrue(pipeline.contains("last 3 months") && pipeline.contains("{\"state\": \"sale\"}"), pipeline);
            String overdue = ((McpSchema.TextContent) admin.getPrompt(new McpSchema.GetPromptRequest("overdue_invoices",
                    Map.of())).messages().get(0).content()).text();
            assertTrue(overdue.contains("\"" + LocalDate.now(java.time.ZoneOffset.UTC).getYear()), "{today} is filled in: " + overdue);

            McpError missing = assertThrows(McpError.class, () -> admin.getPrompt(
                    new McpSchema.GetPromptRequest("customer_360", Map.of())));
            assertEquals(-32602, missing.getJsonRpcError().code());
            assertTrue(missing.getMessage().contains("partner"), missing.getMessage());

            McpSchema.CompleteResult partners = admin.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.PromptReference("customer_360"),
                    new McpSchema.CompleteRequest.CompleteArgument("partner", "Features Customer " + w.tag())));
            assertEquals(List.of(w.partnerName()), partners.completion().values());
            McpSchema.CompleteResult months = admin.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.PromptReference("sales_pipeline_review"),
                    new McpSchema.CompleteRequest.CompleteArgument("months", "1")));
            assertEquals(List.of("1", "12"), months.completion().values());
        }
    }

    @Test
    void personalPromptsBelongToTheirOwnerAndChangesAreAnnounced() throws Exception {
        World w = world();
        CountDownLatch changed = new CountDownLatch(1);
        try (McpSyncClient admin = admin();
             McpSyncClient listener = client(ADMIN_KEY, spec -> spec.promptsChangeConsumer(p -> changed.countDown()));
             McpSyncClient reader = client(w.readerKey(), spec -> { })) {
            long me = call(admin, "search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"admin\"]],\"fields\":[\"id\"]}")
                    .getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
            String name = "my_followups_" + w.tag();
            call(admin, "create", "{\"model\":\"mcp.prompt\",\"values\":{\"name\":\"" + name + "\",\"owner_id\":" + me
                    + ",\"template\":\"List my follow-ups for {customer}\",\"argument_ids\":[[0,0,{\"name\":\"customer\","
                    + "\"required\":true,\"source_model\":\"res.partner\"}]]}}");
            boolean heard = changed.await(5, TimeUnit.SECONDS);
            for (int attempt = 0; attempt < 4 && !heard; attempt++) {
                call(admin, "write", "{\"model\":\"mcp.prompt\",\"ids\":[" + promptId(admin, name) + "],\"values\":{\"sequence\":"
                        + (50 + attempt) + "}}");
                heard = changed.await(5, TimeUnit.SECONDS);
            }
            assertTrue(heard, "prompts/list_changed reached the Java client");
            assertTrue(listener.listPrompts().prompts().stream().anyMatch(p -> p.name().equals(name)));
            assertFalse(reader.listPrompts().prompts().stream().anyMatch(p -> p.name().equals(name)),
                    "another user never sees a personal prompt");
            assertThrows(McpError.class, () -> reader.getPrompt(new McpSchema.GetPromptRequest(name, Map.of("customer", "x"))));
            assertEquals("List my follow-ups for " + w.partnerName(), ((McpSchema.TextContent) admin.getPrompt(
                    new McpSchema.GetPromptRequest(name, Map.of("customer", w.partnerName()))).messages().get(0).content()).text());
        }
    }

    private static long promptId(McpSyncClient admin, String name) {
        return call(admin, "search", "{\"model\":\"mcp.prompt\",\"domain\":[[\"name\",\"=\",\"" + name + "\"]],\"fields\":[\"id\"]}")
                .getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** An SSE stream read line by line; {@link #await} waits for a JSON-RPC message with a method. */
    private record Stream2(HttpResponse<Stream<String>> response, Iterator<String> lines) {
        boolean await(String method) {
            CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("data: {") && json(line.substring(6)).getString("method", "").equals(method)) {
                        return true;
                    }
                }
                return false;
            });
            try {
                return found.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        }

        void close() {
            response.body().close();
        }
    }

    private Stream2 open(HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        return new Stream2(response, response.body().iterator());
    }

    /** The GET stream of a stateful session of {@code version}. */
    private Stream2 sessionStream(String version) throws Exception {
        McpHttp session = new McpHttp(endpoint(), ADMIN_KEY);
        session.initialize(version, JsonValue.EMPTY_JSON_OBJECT);
        return open(HttpRequest.newBuilder(endpoint()).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session.sessionId())
                .header("MCP-Protocol-Version", version).GET().build());
    }

    /** A 2026-07-28 {@code subscriptions/listen} stream for tool list changes. */
    private Stream2 listenStream() throws Exception {
        String listen = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "listen-1")
                .add("method", "subscriptions/listen").add("params", Json.createObjectBuilder()
                        .add("notifications", Json.createObjectBuilder().add("toolsListChanged", true))
                        .add("_meta", Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                                .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT))).build().toString();
        Stream2 stream = open(HttpRequest.newBuilder(endpoint()).header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(listen)).build());
        assertTrue(stream.await("notifications/subscriptions/acknowledged"));
        return stream;
    }

    private static long toolId(McpSyncClient admin, String name) {
        return call(admin, "search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"" + name + "\"]],\"fields\":[\"id\"]}")
                .getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
    }

    @Test
    void editingAToolRecordReachesOpenStreamsOfEveryRevision() throws Exception {
        world();
        CountDownLatch javaHeard = new CountDownLatch(1);
        List<Stream2> streams = new ArrayList<>();
        try (McpSyncClient admin = admin();
             McpSyncClient listener = client(ADMIN_KEY, spec -> spec.toolsChangeConsumer(tools -> javaHeard.countDown()))) {
            streams.add(sessionStream("2025-03-26"));
            streams.add(sessionStream("2025-06-18"));
            streams.add(sessionStream("2025-11-25"));
            streams.add(listenStream());
            long count = toolId(admin, "count");
            String reworded = "Count records matching a domain, without reading them (reworded " + System.nanoTime() + ").";
            call(admin, "write", "{\"model\":\"mcp.tool\",\"ids\":[" + count + "],\"values\":{\"description\":\"" + reworded + "\"}}");
            for (Stream2 stream : streams) {
                assertTrue(stream.await("notifications/tools/list_changed"), "list_changed reached every open stream");
            }
            // The Java client opens its stream in the background: edit again until it has heard one.
            boolean heard = javaHeard.await(5, TimeUnit.SECONDS);
            for (int attempt = 0; attempt < 4 && !heard; attempt++) {
                call(admin, "write", "{\"model\":\"mcp.tool\",\"ids\":[" + count + "],\"values\":{\"sequence\":" + (60 + attempt) + "}}");
                heard = javaHeard.await(5, TimeUnit.SECONDS);
            }
            assertTrue(heard, "the Java SDK client heard tools/list_changed");
            assertEquals(reworded, listener.listTools().tools().stream().filter(t -> t.name().equals("count"))
                    .findFirst().orElseThrow().description(), "the new wording is what clients list");

            McpSchema.CallToolResult duplicate = admin.callTool(new McpSchema.CallToolRequest("create", args(
                    "{\"model\":\"mcp.tool\",\"values\":{\"name\":\"count\",\"description\":\"again\","
                            + "\"input_schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"handler\":\"count\"}}")));
            assertTrue(duplicate.isError() && text(duplicate).startsWith("Refused by the database"), text(duplicate));
            McpSchema.CallToolResult badSchema = admin.callTool(new McpSchema.CallToolRequest("write", args(
                    "{\"model\":\"mcp.tool\",\"ids\":[" + count + "],\"values\":{\"input_schema\":\"[1,2]\"}}")));
            assertTrue(badSchema.isError() && text(badSchema).contains("input_schema"), text(badSchema));
            assertEquals(reworded, listener.listTools().tools().stream().filter(t -> t.name().equals("count"))
                    .findFirst().orElseThrow().description(), "refused edits left the tool as it was");
        } finally {
            streams.forEach(Stream2::close);
        }
        for (String mode : List.of("streamable", "sse")) {
            JsonObject report = NodeClients.run(endpoint().toString(), mode, Map.of("MCP_AUTH", "Bearer " + ADMIN_KEY), "features.mjs");
            assertFalse(report.containsKey("error"), () -> mode + ": " + report);
            assertTrue(report.getBoolean("toolListChanged"), mode + ": the TypeScript client heard list_changed");
            assertTrue(report.getJsonArray("tools").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .toList().containsAll(List.of("search", "aggregate", "method_call")), report.toString());
            assertTrue(report.getInt("searchTotal") > 0, report.toString());
            assertFalse(report.getJsonArray("aggregateGroups").isEmpty(), report.toString());
        }
    }

    @Test
    void aSubscribedRecordReportsEveryWrite() throws Exception {
        World w = world();
        String uri = "bastion://record/res.partner/" + w.partner();
        List<String> updated = new CopyOnWriteArrayList<>();
        CountDownLatch heard = new CountDownLatch(1);
        try (McpSyncClient admin = admin();
             McpSyncClient subscriber = client(ADMIN_KEY, spec -> spec.resourcesUpdateConsumer(contents -> {
                 contents.forEach(c -> updated.add(c.uri()));
                 heard.countDown();
             }))) {
            McpError hidden = assertThrows(McpError.class, () -> subscriber.subscribeResource(
                    new McpSchema.SubscribeRequest("bastion://record/res.partner/987654321")));
            assertEquals(-32002, hidden.getJsonRpcError().code(), "no subscription to what one cannot read");
            subscriber.subscribeResource(new McpSchema.SubscribeRequest(uri));
            boolean got = false;
            for (int attempt = 0; attempt < 5 && !got; attempt++) {
                call(admin, "write", "{\"model\":\"res.partner\",\"ids\":[" + w.partner() + "],\"values\":{\"phone\":\"+32 2 555 0"
                        + attempt + "\"}}");
                got = heard.await(4, TimeUnit.SECONDS);
            }
            assertTrue(got, "resources/updated reached the subscriber");
            assertTrue(updated.contains(uri), updated.toString());
            JsonObject record = json(((McpSchema.TextResourceContents) subscriber.readResource(
                    new McpSchema.ReadResourceRequest(uri)).contents().get(0)).text());
            assertTrue(record.getString("phone").startsWith("+32 2 555 0"), record.toString());
        }
    }

    @Test
    void aReadOnlyUserSeesNoWriteToolsAndCannotCallThem() {
        World w = world();
        try (McpSyncClient reader = client(w.readerKey(), spec -> { })) {
            List<String> tools = reader.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(tools.containsAll(List.of("search", "read", "count", "aggregate", "list_modules", "list_companies")),
                    tools.toString());
            for (String write : List.of("create", "write", "unlink", "method_call", "default_get")) {
                assertFalse(tools.contains(write), write + " is not offered to a read-only user: " + tools);
            }
            McpError refused = assertThrows(McpError.class, () -> reader.callTool(new McpSchema.CallToolRequest("write",
                    args("{\"model\":\"res.partner\",\"ids\":[" + w.partner() + "],\"values\":{\"name\":\"hijacked\"}}"))));
            assertEquals(-32602, refused.getJsonRpcError().code());
            assertEquals(w.partnerName(), call(reader, "read", "{\"model\":\"res.partner\",\"ids\":[" + w.partner()
                    + "],\"fields\":[\"name\"]}").getJsonArray("records").getJsonObject(0).getString("name"));
        }
    }

    private long partner(McpSyncClient admin, String name) {
        return firstId(call(admin, "create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + name + "\"}}"));
    }

    private static long countOf(McpSyncClient admin, long partner) {
        return call(admin, "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"=\"," + partner + "]]}").getInt("count");
    }

    @Test
    void aDestructiveCallAsksTheUserFirst() throws Exception {
        World w = world();
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpSyncClient admin = admin();
             McpSyncClient accepting = client(ADMIN_KEY, spec -> spec
                     .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                     .elicitation(request -> {
                         asked.add(request.message());
                         return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true));
                     }));
             McpSyncClient declining = client(ADMIN_KEY, spec -> spec
                     .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                     .elicitation(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null)))) {
            long kept = partner(admin, "Keep me " + w.tag());
            McpSchema.CallToolResult declined = declining.callTool(new McpSchema.CallToolRequest("unlink",
                    args("{\"model\":\"res.partner\",\"ids\":[" + kept + "]}")));
            assertTrue(declined.isError());
            assertTrue(text(declined).startsWith("Not done: the user did not confirm"), text(declined));
            assertEquals(1, countOf(admin, kept), "a declined delete leaves the record");

            long gone = partner(admin, "Delete me " + w.tag());
            assertEquals(List.of(gone), call(accepting, "unlink", "{\"model\":\"res.partner\",\"ids\":[" + gone + "]}")
                    .getJsonArray("deleted").getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList());
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).contains("res.partner") && asked.get(0).contains(Long.toString(gone)), asked.toString());
            assertEquals(0, countOf(admin, gone));

            long silent = partner(admin, "No client question " + w.tag());
            call(admin, "unlink", "{\"model\":\"res.partner\",\"ids\":[" + silent + "]}");
            assertEquals(0, countOf(admin, silent), "a client that cannot ask proceeds, as today's clients expect");
        }
    }

    @Test
    void aDestructiveCallOnTheStatelessRevisionAsksThroughInputRequired() throws Exception {
        World w = world();
        long partner;
        try (McpSyncClient admin = admin()) {
            partner = partner(admin, "Stateless delete " + w.tag());
        }
        JsonObject first = stateless(Json.createObjectBuilder().add("name", "unlink").add("arguments",
                Json.createObjectBuilder().add("model", "res.partner").add("ids", Json.createArrayBuilder().add(partner))));
        assertEquals("input_required", first.getString("resultType"), first.toString());
        Map.Entry<String, JsonValue> question = first.getJsonObject("inputRequests").entrySet().iterator().next();
        assertEquals("elicitation/create", question.getValue().asJsonObject().getString("method"));
        JsonObject done = stateless(Json.createObjectBuilder().add("name", "unlink").add("arguments",
                        Json.createObjectBuilder().add("model", "res.partner").add("ids", Json.createArrayBuilder().add(partner)))
                .add("requestState", first.getString("requestState"))
                .add("inputResponses", Json.createObjectBuilder().add(question.getKey(), Json.createObjectBuilder()
                        .add("action", "accept").add("content", Json.createObjectBuilder().add("confirm", true)))));
        assertEquals("complete", done.getString("resultType"), done.toString());
        assertFalse(done.getBoolean("isError"), done.toString());
        try (McpSyncClient admin = admin()) {
            assertEquals(0, countOf(admin, partner));
        }
    }

    private JsonObject stateless(jakarta.json.JsonObjectBuilder params) throws Exception {
        params.add("_meta", Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder().add("elicitation", JsonValue.EMPTY_JSON_OBJECT)));
        String body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", "s1").add("method", "tools/call")
                .add("params", params).build().toString();
        McpHttp.Reply reply = new McpHttp(endpoint(), ADMIN_KEY).post(body, "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", "tools/call", "Mcp-Name", "unlink");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonObject("result");
    }

    @Test
    void usersAreOnboardedAndTheirKeysRevokedThroughMcp() throws Exception {
        world();
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
        try (McpSyncClient admin = admin()) {
            String login = "feat.onboarded." + world().tag();
            String key = provision(admin, login, List.of(3L, 20L));
            assertEquals(200, new McpHttp(endpoint(), key).post(initialize).status(), "the new key works at once");
            JsonObject keys = call(admin, "search", "{\"model\":\"res.users.apikeys\",\"domain\":[[\"user_id.login\",\"=\",\""
                    + login + "\"]],\"fields\":[\"name\"]}");
            assertEquals(1, keys.getInt("total"));
            assertFalse(keys.toString().contains(key), "the secret is never read back");
            long keyId = keys.getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
            call(admin, "method_call", "{\"model\":\"res.users.apikeys\",\"method\":\"action_revoke\",\"ids\":[" + keyId + "]}");
            assertEquals(401, new McpHttp(endpoint(), key).post(initialize).status(), "a revoked key is refused");
        }
    }
}
