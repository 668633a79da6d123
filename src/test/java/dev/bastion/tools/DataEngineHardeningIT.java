package dev.bastion.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.access.CallContexts;
import dev.bastion.access.fixture.AccessWorld;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Records;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an attacker and a careless client found in the data engine (issue 18), over HTTP on the
 * real WAR as the access fixture's users: the work one request may cause is bounded, what a
 * caller cannot read cannot be seen or probed through a relation, no answer carries an
 * exception, SQL or stack frame, and a tool never reports a delete it did not do.
 */
@ExtendWith(ArquillianExtension.class)
class DataEngineHardeningIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.access.fixture")
                .addClasses(DataEngineHardeningIT.class, McpHttp.class);
    }

    /** What an answer must never contain: exception classes, stack frames, SQL, provider internals. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|[Ee]clipse[Ll]ink|\\bat [a-z]+\\.[a-z]+\\.[A-Za-z]|"
            + "SELECT |Error Code|jakarta\\.persistence|java\\.(lang|sql)|org\\.(eclipse|h2|postgresql)|Call: |Query: ");

    @ArquillianResource
    URL base;

    @Inject
    AccessWorld fixture;

    @Inject
    Records records;

    @Inject
    CallContexts contexts;

    @Inject
    ModelRegistry registry;

    @Inject
    EntityManager em;

    private final Map<String, McpHttp> sessions = new HashMap<>();
    private long calls;

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A tool called over HTTP by one of the fixture's users (or admin), in their own session. */
    private JsonObject tool(String role, String name, String arguments) throws Exception {
        AccessWorld.World w = fixture.world();
        McpHttp http = sessions.get(role);
        if (http == null) {
            http = new McpHttp(URI.create(base.toString()).resolve("/mcp"), role.equals("admin")
                    ? System.getProperty("it.admin.api-key", "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz") : w.key(role));
            http.initialize("2025-11-25", Json.createObjectBuilder().build());
            sessions.put(role, http);
        }
        McpHttp.Reply reply = http.request(++calls, "tools/call", Json.createObjectBuilder().add("name", name)
                .add("arguments", json(arguments)).build());
        assertEquals(200, reply.status(), reply.body());
        assertFalse(reply.json().containsKey("error"), () -> name + " " + arguments + " -> " + reply.body());
        JsonObject result = reply.json().getJsonObject("result");
        String text = result.getJsonArray("content").getJsonObject(0).getString("text");
        assertFalse(INTERNALS.matcher(text).find(), () -> name + " " + arguments + " leaks internals: " + text);
        return result;
    }

    private JsonObject ok(String role, String name, String arguments) throws Exception {
        JsonObject result = tool(role, name, arguments);
        assertFalse(result.getBoolean("isError"), () -> role + " " + name + " " + arguments + " -> " + result);
        return result.getJsonObject("structuredContent");
    }

    private String refused(String role, String name, String arguments) throws Exception {
        JsonObject result = tool(role, name, arguments);
        assertTrue(result.getBoolean("isError"), () -> role + " " + name + " " + arguments + " was not refused: " + result);
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }

    private long create(String model, String values) {
        return records.create(contexts.of("admin"), model, List.of(json(values))).get(0);
    }

    private long rows(String table, long id) {
        return ((Number) em.createNativeQuery("select count(*) from " + table + " where id = ?").setParameter(1, id)
                .getSingleResult()).longValue();
    }

    private static String ids(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    // --- finding 1: the work a request may cause is bounded --------------------------------------------

    @Test
    void largeInListsAreBoundedPerListAndPerDomain() throws Exception {
        int expected = ok("admin", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\">=\",1],[\"id\",\"<\",10001]],"
                + "\"context\":{\"active_test\":false}}").getInt("count");
        assertTrue(expected > 0);
        assertEquals(expected, ok("admin", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"in\"," + ids(1, 10_000)
                + "],[\"id\",\"in\"," + ids(1, 10_000) + "]],\"context\":{\"active_test\":false}}").getInt("count"),
                "two lists of 10,000 ids, the most one domain may hold, are counted");

        String tooMany = refused("admin", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"in\"," + ids(1, 7_000)
                + "],[\"id\",\"in\"," + ids(1, 7_000) + "],[\"id\",\"in\"," + ids(1, 7_000) + "]]}");
        assertTrue(tooMany.contains("20000") && tooMany.contains("split"), tooMany);
        String tooLong = refused("admin", "search", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"in\"," + ids(1, 10_001)
                + "]]}");
        assertTrue(tooLong.contains("10000"), tooLong);
        String tooManyIds = refused("admin", "write", "{\"model\":\"res.partner\",\"ids\":" + ids(1, 10_001)
                + ",\"values\":{\"comment\":\"x\"}}");
        assertTrue(tooManyIds.contains("At most 10000 ids"), tooManyIds);
    }

    // --- finding 3: what a caller cannot read cannot be seen or probed through a relation -------------

    private long partnerOfCompanyB() throws Exception {
        return fixture.world().partnerB();
    }

    @Test
    void aManyToOneToAHiddenRecordGivesItsIdWithoutItsName() throws Exception {
        AccessWorld.World w = fixture.world();
        JsonObject order = ok("sales_a", "read", "{\"model\":\"sale.order\",\"ids\":[" + w.orderOwnAOfPartnerB()
                + "],\"fields\":[\"partner_id\",\"company_id\"]}").getJsonArray("records").getJsonObject(0);
        assertEquals(Json.createArrayBuilder().add(partnerOfCompanyB()).addNull().build(), order.getJsonArray("partner_id"),
                "partner B (company B) is hidden from sales_a: its id, no name");
        assertEquals(JsonValue.ValueType.STRING, order.getJsonArray("company_id").get(1).getValueType(),
                "a readable target keeps its name");
        assertEquals(JsonValue.ValueType.STRING, ok("manager", "read", "{\"model\":\"sale.order\",\"ids\":["
                + w.orderOwnAOfPartnerB() + "],\"fields\":[\"partner_id\"]}").getJsonArray("records").getJsonObject(0)
                .getJsonArray("partner_id").get(1).getValueType(), "who may read the partner sees its name");
        JsonArray groups = ok("sales_a", "aggregate", "{\"model\":\"sale.order\",\"domain\":[[\"id\",\"=\","
                + w.orderOwnAOfPartnerB() + "]],\"group_by\":[\"partner_id\"]}").getJsonArray("groups");
        assertEquals(Json.createArrayBuilder().add(partnerOfCompanyB()).addNull().build(),
                groups.getJsonObject(0).getJsonArray("partner_id"), "grouping shows no hidden name either");
        assertEquals(0, ok("sales_a", "count", "{\"model\":\"sale.order\",\"domain\":[[\"id\",\"=\"," + w.orderOwnAOfPartnerB()
                + "],[\"partner_id\",\"ilike\",\"Acc Partner B\"]]}").getInt("count"), "nor can the name be probed");
    }

    @Test
    void aModelDisabledForMcpOrARestrictedNameFieldShowsNoNamesThroughRelations() throws Exception {
        AccessWorld.World w = fixture.world();
        CallContext admin = contexts.of("admin");
        long off = records.create(admin, "mcp.model.override", List.of(json("{\"model\":\"res.partner\",\"enabled\":false}")))
                .get(0);
        long users = records.create(admin, "mcp.model.override", List.of(json("{\"model\":\"res.users\","
                + "\"allowed_fields\":\"login\"}"))).get(0);
        try {
            JsonObject order = ok("manager", "read", "{\"model\":\"sale.order\",\"ids\":[" + w.orderOwnA()
                    + "],\"fields\":[\"partner_id\",\"user_id\"]}").getJsonArray("records").getJsonObject(0);
            assertEquals(Json.createArrayBuilder().add(w.partnerA()).addNull().build(), order.getJsonArray("partner_id"));
            assertEquals(Json.createArrayBuilder().add(w.user("sales_a")).addNull().build(), order.getJsonArray("user_id"),
                    "res.users' name is outside its allowed fields");
            assertTrue(refused("manager", "count", "{\"model\":\"sale.order\",\"domain\":[[\"partner_id\",\"ilike\","
                    + "\"Acc Partner A\"]]}").startsWith("Access denied: "));
            assertTrue(refused("manager", "count", "{\"model\":\"sale.order\",\"domain\":[[\"user_id\",\"ilike\","
                    + "\"Access sales_a\"]]}").contains("name"));
            JsonArray groups = ok("manager", "aggregate", "{\"model\":\"sale.order\",\"domain\":[[\"id\",\"=\"," + w.orderOwnA()
                    + "]],\"group_by\":[\"partner_id\",\"user_id\"]}").getJsonArray("groups");
            assertEquals(JsonValue.NULL, groups.getJsonObject(0).getJsonArray("partner_id").get(1));
            assertEquals(JsonValue.NULL, groups.getJsonObject(0).getJsonArray("user_id").get(1));
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(off, users));
        }
    }

    @Test
    void hiddenMembersOfAnX2ManyAreLeftOutAndCannotBeProbed() throws Exception {
        AccessWorld.World w = fixture.world();
        long parent = create("res.partner", "{\"name\":\"Hard Parent " + w.tag() + "\",\"company_id\":" + w.companyA() + "}");
        long visible = create("res.partner", "{\"name\":\"Hard Visible " + w.tag() + "\",\"company_id\":" + w.companyA()
                + ",\"parent_id\":" + parent + "}");
        long hidden = create("res.partner", "{\"name\":\"Hard Hidden " + w.tag() + "\",\"company_id\":" + w.companyB()
                + ",\"parent_id\":" + parent + "}");
        long lonely = create("res.partner", "{\"name\":\"Hard Lonely " + w.tag() + "\",\"company_id\":" + w.companyA() + "}");
        create("res.partner", "{\"name\":\"Hard Lonely's hidden " + w.tag() + "\",\"company_id\":" + w.companyB()
                + ",\"parent_id\":" + lonely + "}");

        assertEquals(Json.createArrayBuilder().add(visible).build(), ok("sales_a", "read", "{\"model\":\"res.partner\",\"ids\":["
                + parent + "],\"fields\":[\"child_ids\"]}").getJsonArray("records").getJsonObject(0).getJsonArray("child_ids"));
        assertEquals(Json.createArrayBuilder().add(visible).add(hidden).build(), ok("manager", "read",
                "{\"model\":\"res.partner\",\"ids\":[" + parent + "],\"fields\":[\"child_ids\"]}").getJsonArray("records")
                .getJsonObject(0).getJsonArray("child_ids"), "who sees both companies sees both contacts");

        String parentIs = "[\"id\",\"in\",[" + parent + "," + lonely + "]]";
        assertEquals(0, ok("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[" + parentIs + ",[\"child_ids\",\"in\",["
                + hidden + "]]]}").getInt("count"), "a hidden contact is not found through child_ids");
        assertEquals(1, ok("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[" + parentIs + ",[\"child_ids\",\"=\",false]]}")
                .getInt("count"), "a partner whose only contact is hidden has no contacts, as read shows");
        assertEquals(1, ok("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[" + parentIs + ",[\"child_ids.name\",\"ilike\","
                + "\"Hard \"]]}").getInt("count"), "only the visible contact's name matches");

        assertEquals(0, ok("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"parent_of\",[" + hidden + "]]]}")
                .getInt("count"), "parent_of does not walk up from a hidden record");
        assertEquals(2, ok("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"child_of\",[" + parent + "]]]}")
                .getInt("count"), "child_of reaches only visible records");
        assertEquals(3, ok("manager", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"child_of\",[" + parent + "]]]}")
                .getInt("count"));

        CallContext admin = contexts.of("admin");
        long narrow = records.create(admin, "mcp.model.override", List.of(json("{\"model\":\"res.partner\","
                + "\"allowed_fields\":\"name, email, company_id\"}"))).get(0);
        try {
            assertTrue(refused("sales_a", "count", "{\"model\":\"res.partner\",\"domain\":[[\"id\",\"child_of\",[" + parent
                    + "]]]}").contains("parent_id"), "child_of walks parent_id, which is not an allowed field");
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(narrow));
        }
    }

    // --- finding 4: no internals in any answer --------------------------------------------------------

    @Test
    void everyAggregateOfEveryFieldIsAnsweredOrRefusedReadably() throws Exception {
        int answered = 0;
        int refusedReadably = 0;
        ok("admin", "count", "{\"model\":\"res.partner\"}");
        for (String model : List.of("sale.order", "res.partner", "account.move")) {
            for (String field : fieldsOf(model)) {
                for (String function : List.of("sum", "avg", "min", "max", "count")) {
                    JsonObject result = tool("admin", "aggregate", "{\"model\":\"" + model + "\",\"group_by\":[\"company_id\"],"
                            + "\"aggregates\":[\"" + field + ":" + function + "\"]}");
                    if (result.getBoolean("isError")) {
                        String text = result.getJsonArray("content").getJsonObject(0).getString("text");
                        assertTrue(text.contains("'" + field + "'") && text.contains(function), text);
                        refusedReadably++;
                    } else {
                        answered++;
                    }
                }
            }
        }
        assertTrue(answered > 0 && refusedReadably > 0, answered + " / " + refusedReadably);
        JsonArray byName = ok("admin", "aggregate", "{\"model\":\"sale.order\",\"group_by\":[\"state\"],"
                + "\"aggregates\":[\"name:count\"]}").getJsonArray("groups");
        assertEquals(byName.getJsonObject(0).getInt("__count"), byName.getJsonObject(0).getInt("name:count"),
                "every order has a name");
        System.out.printf("DataEngineHardeningIT aggregates: %d answered, %d refused readably%n", answered, refusedReadably);
    }

    /** One field of each type of {@code model}. */
    private List<String> fieldsOf(String model) {
        Map<FieldType, String> byType = new java.util.LinkedHashMap<>();
        registry.require(model).fields().values().forEach(f -> byType.putIfAbsent(f.type(), f.name()));
        return List.copyOf(byType.values());
    }

    @Test
    void anEmptyInListMatchesNothingOnModelsWithRules() throws Exception {
        for (String model : List.of("sale.order", "res.partner", "res.users", "account.move", "sale.order.line")) {
            assertEquals(0, ok("sales_a", "count", "{\"model\":\"" + model + "\",\"domain\":[[\"id\",\"in\",[]]]}").getInt("count"),
                    model);
            assertEquals(0, ok("sales_a", "search", "{\"model\":\"" + model + "\",\"domain\":[[\"id\",\"in\",[]]]}")
                    .getInt("total"), model);
        }
        assertTrue(ok("sales_a", "count", "{\"model\":\"sale.order\",\"domain\":[[\"id\",\"not in\",[]]]}").getInt("count") > 0,
                "not in [] matches everything visible");
    }

    @Test
    void anUnexpectedFailureAnswersWithAReferenceAndNoDetail() throws Exception {
        String text = refused("admin", "create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + "x".repeat(5000) + "\"}}");
        assertTrue(Pattern.compile("reference [0-9a-f]{8}").matcher(text).find(), text);
        assertTrue(text.contains("nothing was saved"), text);
    }

    // --- finding 5: a tool never reports a delete it did not do -----------------------------------------

    @Test
    void unlinkingOrderAndInvoiceLinesDeletesThem() throws Exception {
        AccessWorld.World w = fixture.world();
        long order = create("sale.order", "{\"partner_id\":" + w.partnerA() + ",\"company_id\":" + w.companyA() + ",\"user_id\":"
                + w.user("sales_a") + ",\"note\":\"hardening\",\"order_line\":[[0,0,{\"name\":\"Kept\",\"price_unit\":10}],"
                + "[0,0,{\"name\":\"Deleted\",\"price_unit\":5}]]}");
        JsonArray lines = ok("sales_a", "read", "{\"model\":\"sale.order\",\"ids\":[" + order + "],\"fields\":[\"order_line\","
                + "\"amount_untaxed\"]}").getJsonArray("records").getJsonObject(0).getJsonArray("order_line");
        long deleted = lines.getJsonNumber(1).longValue();
        assertEquals(List.of(deleted), ok("sales_a", "unlink", "{\"model\":\"sale.order.line\",\"ids\":[" + deleted + "]}")
                .getJsonArray("deleted").getValuesAs(jakarta.json.JsonNumber.class).stream().map(n -> n.longValue()).toList());
        assertEquals(0, rows("sale_order_line", deleted), "the line the tool reported deleted is gone");
        JsonObject after = ok("sales_a", "read", "{\"model\":\"sale.order\",\"ids\":[" + order + "],\"fields\":[\"order_line\","
                + "\"amount_untaxed\"]}").getJsonArray("records").getJsonObject(0);
        assertEquals(1, after.getJsonArray("order_line").size());
        assertEquals(0, after.getJsonNumber("amount_untaxed").bigDecimalValue().compareTo(java.math.BigDecimal.TEN),
                "the order's total no longer counts it");

        long invoice = create("account.move", "{\"move_type\":\"out_invoice\",\"partner_id\":" + w.partnerA() + ",\"company_id\":"
                + w.companyA() + ",\"invoice_line_ids\":[[0,0,{\"name\":\"Kept\",\"price_unit\":10}],"
                + "[0,0,{\"name\":\"Deleted\",\"price_unit\":5}]]}");
        JsonArray invoiceLines = ok("admin", "read", "{\"model\":\"account.move\",\"ids\":[" + invoice
                + "],\"fields\":[\"invoice_line_ids\"]}").getJsonArray("records").getJsonObject(0).getJsonArray("invoice_line_ids");
        long gone = invoiceLines.getJsonNumber(1).longValue();
        ok("admin", "unlink", "{\"model\":\"account.move.line\",\"ids\":[" + gone + "]}");
        assertEquals(0, rows("account_move_line", gone), "the invoice line the tool reported deleted is gone");
        assertEquals(1, rows("account_move_line", invoiceLines.getJsonNumber(0).longValue()));

        long viaParent = ok("admin", "read", "{\"model\":\"sale.order\",\"ids\":[" + order + "],\"fields\":[\"order_line\"]}")
                .getJsonArray("records").getJsonObject(0).getJsonArray("order_line").getJsonNumber(0).longValue();
        ok("admin", "write", "{\"model\":\"sale.order\",\"ids\":[" + order + "],\"values\":{\"order_line\":[[2," + viaParent + "]]}}");
        assertEquals(0, rows("sale_order_line", viaParent), "[2, id] through the parent deletes too");
    }
}
