package dev.bastion.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.access.fixture.AccessWorld;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.Records;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Access control on the real server: API keys over HTTP (one 401 for every bad key, 403
 * outside the MCP groups, sessions bound to their user), and the policy the data engine applies
 * for every user: rights, record rules (other company, other salesperson), MCP overrides, field
 * probing through domains and order. Each denied write is followed by a look at the row.
 */
@ExtendWith(ArquillianExtension.class)
class AccessIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.access.fixture").addClasses(AccessIT.class, McpHttp.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    AccessWorld fixture;

    @Inject
    Records records;

    @Inject
    CallContexts contexts;

    @Inject
    SettingsService settings;

    @Inject
    EntityManager em;

    private McpHttp client(String key) {
        return new McpHttp(URI.create(base.toString()).resolve("/mcp"), key);
    }

    private static JsonArray domain(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    private static JsonObject values(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private CallContext as(AccessWorld.World w, String role) {
        return contexts.of(w.login(role));
    }

    private Set<Long> orderIds(AccessWorld.World w, CallContext who) {
        return records.search(who, "sale.order", domain("[[\"note\",\"=\",\"access test\"],[\"id\",\"in\",["
                        + w.orderOwnA() + "," + w.orderOtherA() + "," + w.orderB() + "]]]"), List.of("id"), 0, null, null)
                .records().stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue()).collect(Collectors.toSet());
    }

    private static void denied(Executable call) {
        AccessDenied e = assertThrows(AccessDenied.class, call);
        assertTrue(e.getMessage().startsWith("Access denied: "), e.getMessage());
    }

    private String noteOf(long order) {
        return em.createNativeQuery("select note from sale_order where id = ?").setParameter(1, order).getSingleResult()
                .toString();
    }

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @Test
    void everyBadKeyGetsTheSame401WithABearerChallenge() throws Exception {
        AccessWorld.World w = fixture.world();
        List<McpHttp.Reply> replies = List.of(client(null).post(INIT), client("bst_wrong-key-of-the-right-length-0000000000").post(INIT),
                client(w.expiredKey()).post(INIT), client(w.revokedKey()).post(INIT), client("x").post(INIT),
                client(null).post(INIT, "Authorization", "Basic YWRtaW46YWRtaW4="));
        for (McpHttp.Reply reply : replies) {
            assertEquals(401, reply.status(), reply.body());
            assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply.toString());
            assertEquals(replies.get(0).body(), reply.body(), "nothing tells one bad key from another");
        }
        assertEquals(200, client(w.key("viewer")).post(INIT).status(), "a valid key of an MCP user is let in");
        assertEquals(200, client(System.getProperty("it.admin.api-key", "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz"))
                .post(INIT).status(), "the admin key given at first start works");
    }

    @Test
    void usersOutsideTheMcpGroupsAreForbidden() throws Exception {
        McpHttp.Reply reply = client(fixture.world().key("outsider")).post(INIT);
        assertEquals(403, reply.status());
        assertTrue(reply.json().getJsonObject("error").getString("message").contains("MCP User"), reply.body());
    }

    @Test
    void aSessionBelongsToTheUserWhoOpenedIt() throws Exception {
        AccessWorld.World w = fixture.world();
        McpHttp owner = client(w.key("sales_a"));
        owner.initialize("2025-11-25", Json.createObjectBuilder().build());
        assertEquals(200, owner.request(2, "ping", null).status());
        McpHttp intruder = client(w.key("sales_b"));
        intruder.sessionId(owner.sessionId());
        assertEquals(404, intruder.request(3, "ping", null).status(), "another user's session id is unknown to them");
    }

    @Test
    void modelRightsGrantAndDenyPerOperation() throws Exception {
        AccessWorld.World w = fixture.world();
        CallContext viewer = as(w, "viewer");
        denied(() -> records.search(viewer, "sale.order", domain("[]"), List.of("name"), 0, 5, null));
        denied(() -> records.count(viewer, "sale.order", domain("[]")));
        denied(() -> records.readGroup(viewer, "sale.order", domain("[]"), List.of("amount_total:sum"), List.of("state"),
                null, 0, null));
        denied(() -> records.defaultGet(viewer, "sale.order", List.of()));
        denied(() -> records.create(viewer, "sale.order", List.of(values("{\"partner_id\":" + w.partnerA() + "}"))));
        denied(() -> records.call(viewer, "sale.order", "action_cancel", List.of(w.orderOwnA()), null, null));
        assertEquals(1, records.count(viewer, "res.partner", domain("[[\"id\",\"=\"," + w.partnerA() + "]]")),
                "internal users read partners");
        long created = records.create(viewer, "res.partner", List.of(values("{\"name\":\"Viewer made " + w.tag() + "\"}"))).get(0);
        records.write(viewer, "res.partner", List.of(created), values("{\"email\":\"v@example.com\"}"));
        denied(() -> records.unlink(viewer, "res.partner", List.of(created)));
        assertEquals(1L, em.createNativeQuery("select count(*) from res_partner where id = ?").setParameter(1, created)
                .getSingleResult() instanceof Number n ? n.longValue() : -1, "the refused delete left the row");
        assertEquals(w.companyA(), records.defaultGet(as(w, "sales_a"), "sale.order", List.of("company_id"))
                .getJsonNumber("company_id").longValue(), "a salesman gets defaults for a new order");
    }

    @Test
    void recordRulesKeepSalespeopleToTheirOwnOrdersAndCompanies() throws Exception {
        AccessWorld.World w = fixture.world();
        CallContext salesA = as(w, "sales_a");
        assertEquals(Set.of(w.orderOwnA()), orderIds(w, salesA), "own documents only, own company only");
        assertEquals(Set.of(w.orderB()), orderIds(w, as(w, "sales_b")));
        assertEquals(Set.of(w.orderOwnA(), w.orderOtherA(), w.orderB()), orderIds(w, as(w, "manager")),
                "a sales manager sees every order of both companies");
        assertEquals(Set.of(w.orderOwnA(), w.orderOtherA()),
                orderIds(w, as(w, "manager").withAllowedCompanies(List.of(w.companyA()))), "narrowed to company A");

        JsonObject read = records.read(salesA, "sale.order", List.of(w.orderOwnA(), w.orderOtherA(), w.orderB()), List.of("name"));
        assertEquals(1, read.getJsonArray("records").size(), read.toString());
        assertEquals(2, read.getJsonArray("missing").size(), "hidden orders read as missing, like deleted ones");

        denied(() -> records.write(salesA, "sale.order", List.of(w.orderOtherA()), values("{\"note\":\"hijacked\"}")));
        denied(() -> records.write(salesA, "sale.order", List.of(w.orderB()), values("{\"note\":\"hijacked\"}")));
        denied(() -> records.write(salesA, "sale.order", List.of(w.orderOwnA()),
                values("{\"user_id\":" + w.user("sales_a2") + ",\"note\":\"given away\"}")));
        denied(() -> records.unlink(salesA, "sale.order", List.of(w.orderOwnA())));
        denied(() -> records.call(salesA, "sale.order", "action_cancel", List.of(w.orderOtherA()), null, null));
        denied(() -> records.create(salesA, "sale.order", List.of(values("{\"partner_id\":" + w.partnerA()
                + ",\"company_id\":" + w.companyB() + "}"))));
        denied(() -> records.create(salesA, "sale.order", List.of(values("{\"partner_id\":" + w.partnerB() + "}"))));
        for (long order : List.of(w.orderOwnA(), w.orderOtherA(), w.orderB())) {
            assertEquals("access test", noteOf(order), "no refused write changed order " + order);
        }

        assertEquals(1, records.count(salesA, "sale.order", domain("[[\"note\",\"=\",\"access test\"],[\"partner_id\",\"=\","
                + w.partnerA() + "]]")), "count applies the rules");
        JsonArray groups = records.readGroup(salesA, "sale.order", domain("[[\"note\",\"=\",\"access test\"],[\"partner_id\",\"=\","
                + w.partnerA() + "]]"), List.of("amount_total:sum"), List.of("state"), null, 0, null);
        assertEquals(1, groups.getJsonObject(0).getInt("__count"), groups.toString());
        assertEquals(0, records.count(salesA, "res.partner", domain("[[\"id\",\"=\"," + w.partnerB() + "]]")),
                "another company's partner is invisible");
        String probe = "[[\"partner_id.email\",\"=\",\"" + w.secretEmail() + "\"]]";
        assertEquals(1, records.count(salesA, "sale.order", domain("[[\"partner_id\",\"=\"," + w.partnerB() + "]]")),
                "their own order of partner B is visible");
        assertEquals(0, records.count(salesA, "sale.order", domain(probe)),
                "but a filter through it cannot probe the hidden partner's e-mail");
        assertEquals(0, records.count(salesA, "sale.order", domain("[[\"partner_id\",\"ilike\",\"Acc Partner B\"],"
                + "[\"id\",\"=\"," + w.orderOwnAOfPartnerB() + "]]")), "nor its name");
        assertEquals(2, records.count(as(w, "manager"), "sale.order", domain(probe)),
                "who may see the partner may filter on it (its order in each company)");

        records.write(salesA, "sale.order", List.of(w.orderOwnA()), values("{\"note\":\"access test\"}"));
        records.call(salesA, "sale.order", "action_cancel", List.of(w.orderOwnA()), null, null);
        assertEquals("cancel", records.read(salesA, "sale.order", List.of(w.orderOwnA()), List.of("state"))
                .getJsonArray("records").getJsonObject(0).getString("state"), "their own order they may cancel");
    }

    @Test
    void mcpOverridesOnlyEverNarrow() throws Exception {
        AccessWorld.World w = fixture.world();
        CallContext admin = contexts.of("admin");
        CallContext viewer = as(w, "viewer");
        CallContext manager = as(w, "manager");
        long fields = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.partner\","
                + "\"allowed_fields\":\"name, email, company_id\",\"allow_unlink\":false}"))).get(0);
        try {
            JsonObject partner = records.search(viewer, "res.partner", domain("[[\"id\",\"=\"," + w.partnerA() + "]]"),
                    List.of(), 0, 1, null).records().getJsonObject(0);
            assertEquals(Set.of("id", "name", "email", "company_id"), partner.keySet(), "the default fields shrink to the allowed ones");
            denied(() -> records.search(viewer, "res.partner", domain("[]"), List.of("phone"), 0, 1, null));
            denied(() -> records.count(viewer, "res.partner", domain("[[\"phone\",\"=\",\"+32\"]]")));
            denied(() -> records.search(viewer, "res.partner", domain("[]"), List.of("name"), 0, 1, "phone desc"));
            denied(() -> records.count(manager, "sale.order", domain("[[\"partner_id.phone\",\"=\",\"+32\"]]")));
            denied(() -> records.write(viewer, "res.partner", List.of(w.partnerA()), values("{\"phone\":\"+32 1\"}")));
            denied(() -> records.unlink(admin, "res.partner", List.of(w.partnerA())));
            assertEquals(1, records.count(admin, "res.partner", domain("[[\"id\",\"=\"," + w.partnerA() + "]]")),
                    "the refused delete left the partner");
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(fields));
        }
        assertEquals(1, records.search(viewer, "res.partner", domain("[[\"id\",\"=\"," + w.partnerA() + "]]"),
                List.of("phone"), 0, 1, null).records().size(), "without the override the field is back");

        long off = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.country\",\"enabled\":false}"))).get(0);
        long blocked = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"sale.order\","
                + "\"blocked_methods\":\"action_draft\"}"))).get(0);
        long readOnly = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.currency\","
                + "\"allow_write\":false,\"allow_create\":false}"))).get(0);
        try {
            denied(() -> records.count(admin, "res.country", domain("[]")));
            denied(() -> records.call(manager, "sale.order", "action_draft", List.of(w.orderOtherA()), null, null));
            denied(() -> records.write(admin, "res.currency", List.of(1L), values("{\"symbol\":\"E\"}")));
            assertTrue(records.count(admin, "res.currency", domain("[]")) > 0, "reading is still allowed");
            assertEquals("€", records.read(admin, "res.currency", List.of(1L), List.of("symbol")).getJsonArray("records")
                    .getJsonObject(0).getString("symbol"), "the refused write changed nothing");
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(off, blocked, readOnly));
        }
        assertTrue(records.count(admin, "res.country", domain("[]")) > 0, "without the override the model is back");
    }

    @Test
    void overridesNeverWidenWhatTheRightsRefuse() throws Exception {
        AccessWorld.World w = fixture.world();
        CallContext admin = contexts.of("admin");
        long open = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"sale.order\"}"))).get(0);
        try {
            denied(() -> records.count(as(w, "viewer"), "sale.order", domain("[]")));
            assertEquals(Set.of(w.orderOwnA()), orderIds(w, as(w, "sales_a")), "record rules still apply");
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(open));
        }
    }

    /** Counts of the HTTP matrix, printed for the issue note. */
    private int grants;
    private int denials;
    private long calls;
    private final Map<String, McpHttp> sessions = new java.util.HashMap<>();

    /** A built-in tool called over HTTP by one of the fixture's users, in their own session. */
    private JsonObject tool(AccessWorld.World w, String role, String name, String arguments) throws Exception {
        McpHttp http = sessions.get(role);
        if (http == null) {
            http = role.equals("admin") ? client(System.getProperty("it.admin.api-key",
                    "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz")) : client(w.key(role));
            http.initialize("2025-11-25", Json.createObjectBuilder().build());
            sessions.put(role, http);
        }
        McpHttp.Reply reply = http.request(++calls, "tools/call", Json.createObjectBuilder().add("name", name)
                .add("arguments", values(arguments)).build());
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonObject("result");
    }

    private JsonObject grant(AccessWorld.World w, String role, String name, String arguments) throws Exception {
        JsonObject result = tool(w, role, name, arguments);
        assertFalse(result.getBoolean("isError"), () -> role + " " + name + " " + arguments + " -> " + result);
        grants++;
        return result.getJsonObject("structuredContent");
    }

    private void deny(AccessWorld.World w, String role, String name, String arguments, String why) throws Exception {
        JsonObject result = tool(w, role, name, arguments);
        String text = result.getJsonArray("content").getJsonObject(0).getString("text");
        assertTrue(result.getBoolean("isError"), () -> role + " " + name + " " + arguments + " was not refused: " + result);
        assertTrue(text.startsWith("Access denied: ") && text.contains(why), () -> role + " " + name + ": " + text);
        denials++;
    }

    private McpHttp.Reply resource(AccessWorld.World w, String role, String uri) throws Exception {
        tool(w, role, "list_companies", "{}");
        return sessions.get(role).request(++calls, "resources/read", Json.createObjectBuilder().add("uri", uri).build());
    }

    /**
     * The matrix over the real server and HTTP: every operation through the built-in tools (and
     * a resource read), granted and refused through rights, record rules and each kind of MCP
     * override, with the rows checked after every refused write.
     */
    @Test
    void everyOperationOverHttpIsGrantedAndRefusedAsTheRightsSay() throws Exception {
        AccessWorld.World w = fixture.world();
        String own = Long.toString(w.orderOwnA());
        String other = Long.toString(w.orderOtherA());
        String orderB = Long.toString(w.orderB());
        String mine = "[[\"note\",\"=\",\"access test\"],[\"id\",\"in\",[" + own + "," + other + "," + orderB + "]]]";

        // search, count, aggregate: rights and record rules (other salesperson, other company)
        assertEquals(1, grant(w, "sales_a", "search", "{\"model\":\"sale.order\",\"domain\":" + mine + "}").getInt("total"));
        assertEquals(3, grant(w, "manager", "search", "{\"model\":\"sale.order\",\"domain\":" + mine + "}").getInt("total"));
        deny(w, "viewer", "search", "{\"model\":\"sale.order\"}", "sale.order");
        assertEquals(1, grant(w, "sales_b", "count", "{\"model\":\"sale.order\",\"domain\":" + mine + "}").getInt("count"));
        deny(w, "viewer", "count", "{\"model\":\"sale.order\"}", "sale.order");
        assertEquals(1, grant(w, "sales_a", "aggregate", "{\"model\":\"sale.order\",\"domain\":" + mine
                + ",\"group_by\":[\"state\"],\"aggregates\":[\"amount_total:sum\"]}").getJsonArray("groups").size());
        deny(w, "viewer", "aggregate", "{\"model\":\"sale.order\",\"group_by\":[\"state\"]}", "sale.order");

        // read: hidden records read as missing
        JsonObject read = grant(w, "sales_a", "read", "{\"model\":\"sale.order\",\"ids\":[" + own + "," + other + "," + orderB
                + "],\"fields\":[\"name\"]}");
        assertEquals(1, read.getJsonArray("records").size());
        assertEquals(2, read.getJsonArray("missing").size());
        deny(w, "viewer", "read", "{\"model\":\"sale.order\",\"ids\":[" + own + "]}", "sale.order");

        // default_get and create
        assertEquals(w.companyA(), grant(w, "sales_a", "default_get", "{\"model\":\"sale.order\",\"fields\":[\"company_id\"]}")
                .getJsonObject("values").getJsonNumber("company_id").longValue());
        deny(w, "viewer", "default_get", "{\"model\":\"sale.order\"}", "sale.order");
        long created = grant(w, "sales_a", "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partnerA()
                + ",\"user_id\":" + w.user("sales_a") + ",\"note\":\"matrix\"}}").getJsonArray("ids").getJsonNumber(0).longValue();
        deny(w, "viewer", "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partnerA() + "}}", "sale.order");
        deny(w, "sales_a", "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partnerA()
                + ",\"company_id\":" + w.companyB() + "}}", "res.company");
        deny(w, "sales_a", "create", "{\"model\":\"sale.order\",\"values\":{\"partner_id\":" + w.partnerB() + "}}", "");

        // write: own order yes; another salesperson's, another company's, giving it away: no
        grant(w, "sales_a", "write", "{\"model\":\"sale.order\",\"ids\":[" + created + "],\"values\":{\"note\":\"matrix 2\"}}");
        deny(w, "sales_a", "write", "{\"model\":\"sale.order\",\"ids\":[" + other + "],\"values\":{\"note\":\"hijacked\"}}", "sale.order");
        deny(w, "sales_a", "write", "{\"model\":\"sale.order\",\"ids\":[" + orderB + "],\"values\":{\"note\":\"hijacked\"}}", "sale.order");
        deny(w, "sales_a", "write", "{\"model\":\"sale.order\",\"ids\":[" + created + "],\"values\":{\"user_id\":"
                + w.user("sales_a2") + ",\"note\":\"given away\"}}", "sale.order");
        deny(w, "viewer", "write", "{\"model\":\"sale.order\",\"ids\":[" + own + "],\"values\":{\"note\":\"hijacked\"}}", "sale.order");
        assertEquals("matrix 2", noteOf(created));
        for (long order : List.of(w.orderOwnA(), w.orderOtherA(), w.orderB())) {
            assertEquals("access test", noteOf(order), "no refused write changed order " + order);
        }

        // method_call: own quotation yes, another salesperson's no
        grant(w, "sales_a", "method_call", "{\"model\":\"sale.order\",\"method\":\"action_quotation_send\",\"ids\":[" + created + "]}");
        deny(w, "sales_a", "method_call", "{\"model\":\"sale.order\",\"method\":\"action_quotation_send\",\"ids\":[" + other + "]}",
                "sale.order");
        assertEquals("draft", em.createNativeQuery("select state from sale_order where id = ?").setParameter(1, w.orderOtherA())
                .getSingleResult().toString(), "the refused method changed nothing");

        // unlink: salesmen may not delete orders, managers may
        deny(w, "sales_a", "unlink", "{\"model\":\"sale.order\",\"ids\":[" + created + "]}", "sale.order");
        assertEquals("matrix 2", noteOf(created), "the refused delete left the order");
        assertEquals(List.of(created), grant(w, "manager", "unlink", "{\"model\":\"sale.order\",\"ids\":[" + created + "]}")
                .getJsonArray("deleted").getValuesAs(jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::longValue).toList());

        // resource read: the record template under the same rules
        assertEquals(200, resource(w, "sales_a", "bastion://record/sale.order/" + own).status());
        assertEquals(-32002, resource(w, "sales_a", "bastion://record/sale.order/" + other).errorCode(),
                "another salesperson's order is not found, like a missing one");
        assertEquals(-32003, resource(w, "viewer", "bastion://model/sale.order/fields").errorCode());
        grants++;
        denials += 2;

        // every kind of override, over HTTP
        CallContext admin = contexts.of("admin");
        long fields = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.partner\","
                + "\"allowed_fields\":\"name, email, company_id\",\"allow_unlink\":false}"))).get(0);
        long off = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.country\",\"enabled\":false}"))).get(0);
        long blocked = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"sale.order\","
                + "\"blocked_methods\":\"action_quotation_send\"}"))).get(0);
        long readOnly = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"res.currency\","
                + "\"allow_write\":false,\"allow_create\":false}"))).get(0);
        long groupsOnly = records.create(admin, "mcp.model.override", List.of(values("{\"model\":\"product.category\","
                + "\"group_ids\":[[6,0,[21]]]}"))).get(0);
        try {
            String partnerA = Long.toString(w.partnerA());
            grant(w, "viewer", "read", "{\"model\":\"res.partner\",\"ids\":[" + partnerA + "],\"fields\":[\"name\",\"email\"]}");
            deny(w, "viewer", "read", "{\"model\":\"res.partner\",\"ids\":[" + partnerA + "],\"fields\":[\"phone\"]}", "phone");
            deny(w, "viewer", "search", "{\"model\":\"res.partner\",\"domain\":[[\"phone\",\"=\",\"+32\"]],\"fields\":[\"name\"]}",
                    "phone");
            deny(w, "viewer", "search", "{\"model\":\"res.partner\",\"fields\":[\"name\"],\"order\":\"phone desc\"}", "phone");
            deny(w, "manager", "count", "{\"model\":\"sale.order\",\"domain\":[[\"partner_id.phone\",\"=\",\"+32\"]]}", "phone");
            deny(w, "viewer", "write", "{\"model\":\"res.partner\",\"ids\":[" + partnerA + "],\"values\":{\"phone\":\"+32 1\"}}",
                    "phone");
            deny(w, "admin", "unlink", "{\"model\":\"res.partner\",\"ids\":[" + partnerA + "]}", "res.partner");
            deny(w, "admin", "count", "{\"model\":\"res.country\"}", "res.country");
            deny(w, "manager", "method_call", "{\"model\":\"sale.order\",\"method\":\"action_quotation_send\",\"ids\":["
                    + other + "]}", "action_quotation_send");
            deny(w, "admin", "write", "{\"model\":\"res.currency\",\"ids\":[1],\"values\":{\"symbol\":\"E\"}}", "res.currency");
            grant(w, "admin", "count", "{\"model\":\"res.currency\"}");
            deny(w, "sales_a", "count", "{\"model\":\"product.category\"}", "product.category");
            grant(w, "manager", "count", "{\"model\":\"product.category\"}");
            assertEquals(1, records.count(admin, "res.partner", domain("[[\"id\",\"=\"," + w.partnerA() + "]]")),
                    "the refused delete left the partner");
            assertEquals("€", records.read(admin, "res.currency", List.of(1L), List.of("symbol")).getJsonArray("records")
                    .getJsonObject(0).getString("symbol"), "the refused write changed nothing");
        } finally {
            records.unlink(admin, "mcp.model.override", List.of(fields, off, blocked, readOnly, groupsOnly));
        }
        System.out.printf("AccessIT HTTP matrix: %d grants, %d denials over %d calls%n", grants, denials, calls);
    }

    @Test
    void adminPagesNeedAnAdministratorSignedIn() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI admin = URI.create(base.toString()).resolve("/admin/");
        HttpResponse<String> anonymous = browser.send(HttpRequest.newBuilder(admin).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElseThrow().endsWith("/admin/login.html"));
        assertEquals(200, browser.send(HttpRequest.newBuilder(admin.resolve("login.html")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the sign-in page is public");

        assertTrue(signIn(browser, "admin", "wrong").endsWith("login.html?failed"));
        assertTrue(signIn(browser, fixture.world().login("manager"), "").endsWith("login.html?failed"),
                "users without a password cannot sign in");
        assertTrue(signIn(browser, "admin", System.getProperty("it.admin.password", "it-admin-password")).endsWith("/admin/"));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(admin).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("signed in"), page.body());

        browser.send(HttpRequest.newBuilder(admin.resolve("logout")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, browser.send(HttpRequest.newBuilder(admin).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "signed out");
        McpHttp withCookiesOnly = client(null);
        assertEquals(401, withCookiesOnly.post(INIT).status(), "/mcp never accepts a session instead of a key");
    }

    private String signIn(HttpClient browser, String login, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Runs {@code body} with settings changed, then puts them back. */
    private void withSettings(Map<SettingKey, String> values, Executable body) throws Throwable {
        values.forEach((k, v) -> settings.set(k, v, "AccessIT"));
        try {
            body.execute();
        } finally {
            values.keySet().forEach(key -> settings.reset(key, "it"));
        }
    }

    private McpHttp.Reply from(String address, String key) throws Exception {
        return client(key).post(INIT, "X-Forwarded-For", address);
    }

    @Test
    void anAddressIsLockedOutAfterRepeatedFailuresAndReleasedAfterThePeriod() throws Throwable {
        String key = fixture.world().key("viewer");
        withSettings(Map.of(SettingKey.TRUSTED_PROXIES, "0.0.0.0/0, ::/0", SettingKey.LOCKOUT_THRESHOLD, "3",
                SettingKey.LOCKOUT_WINDOW, "1m", SettingKey.LOCKOUT_PERIOD, "2s"), () -> {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, from("198.51.100.7", "bst_guess-" + i + "-000000000000000000000000000000").status());
            }
            McpHttp.Reply locked = from("198.51.100.7", key);
            assertEquals(429, locked.status(), "locked out, even with a valid key");
            assertTrue(Integer.parseInt(locked.header("Retry-After")) >= 1, locked.toString());
            assertEquals(-32001, locked.errorCode());
            assertEquals(200, from("198.51.100.8", key).status(), "another address is not locked");
            assertEquals(200, from("2001:db8::8", key).status());
            Thread.sleep(2100);
            assertEquals(200, from("198.51.100.7", key).status(), "released after the period");
        });
    }

    @Test
    void aUserOverTheRateLimitWaits() throws Throwable {
        AccessWorld.World w = fixture.world();
        withSettings(Map.of(SettingKey.RATE_LIMIT_PER_MINUTE, "3"), () -> {
            McpHttp salesA = client(w.key("sales_a2"));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, salesA.post(INIT).status());
            }
            McpHttp.Reply limited = salesA.post(INIT);
            assertEquals(429, limited.status());
            int retry = Integer.parseInt(limited.header("Retry-After"));
            assertTrue(retry >= 1 && retry <= 60, limited.toString());
            assertTrue(limited.json().getJsonObject("error").getString("message").contains("Rate limit"), limited.body());
            assertEquals(200, client(w.key("manager")).post(INIT).status(), "other users have their own budget");
        });
    }

    @Test
    void allowAndDenyListsOfIPv4AndIPv6Blocks() throws Throwable {
        String key = fixture.world().key("viewer");
        withSettings(Map.of(SettingKey.TRUSTED_PROXIES, "0.0.0.0/0, ::/0", SettingKey.IP_FILTER_MODE, "allow",
                SettingKey.IP_FILTER_CIDRS, "198.51.100.0/24, 2001:db8::/32"), () -> {
            assertEquals(200, from("198.51.100.9", key).status());
            assertEquals(200, from("2001:db8:1::5", key).status());
            McpHttp.Reply refused = from("203.0.113.5", key);
            assertEquals(403, refused.status());
            assertTrue(refused.body().contains("allow-list"), refused.body());
            assertEquals(403, from("2001:db9::1", key).status());
            assertEquals(403, from("203.0.113.5", null).status(), "refused before authentication");
        });
        withSettings(Map.of(SettingKey.TRUSTED_PROXIES, "0.0.0.0/0, ::/0", SettingKey.IP_FILTER_MODE, "deny",
                SettingKey.IP_FILTER_CIDRS, "203.0.113.0/24, 2001:db8:dead::/48"), () -> {
            assertEquals(403, from("203.0.113.5", key).status());
            assertEquals(403, from("2001:db8:dead::1", key).status());
            assertEquals(200, from("198.51.100.9", key).status());
            assertEquals(200, from("2001:db8:beef::1", key).status());
        });
        withSettings(Map.of(SettingKey.IP_FILTER_MODE, "deny", SettingKey.IP_FILTER_CIDRS, "203.0.113.0/24"), () ->
                assertEquals(200, from("203.0.113.5", key).status(), "X-Forwarded-For from an untrusted peer is ignored"));
    }

    @Test
    void corsPreflightIsAnsweredWithoutCredentials() throws Throwable {
        HttpClient http = HttpClient.newHttpClient();
        URI mcp = URI.create(base.toString()).resolve("/mcp");
        HttpRequest preflight = HttpRequest.newBuilder(mcp).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, mcp-param-region").build();
        assertEquals(403, http.send(preflight, HttpResponse.BodyHandlers.ofString()).statusCode(), "origin not allowed yet");
        withSettings(Map.of(SettingKey.CORS_ORIGINS, "https://app.example"), () -> {
            HttpResponse<String> answer = http.send(preflight, HttpResponse.BodyHandlers.ofString());
            assertEquals(204, answer.statusCode());
            assertEquals("https://app.example", answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            String allowed = answer.headers().firstValue("Access-Control-Allow-Headers").orElse("");
            for (String h : List.of("Authorization", "Content-Type", "MCP-Protocol-Version", "Mcp-Session-Id", "Mcp-Method",
                    "Mcp-Name", "Last-Event-ID", "mcp-param-region")) {
                assertTrue(allowed.contains(h), allowed);
            }
            McpHttp.Reply real = client(fixture.world().key("viewer")).post(INIT, "Origin", "https://app.example");
            assertEquals(200, real.status());
            assertEquals("https://app.example", real.header("Access-Control-Allow-Origin"));
            assertTrue(real.header("Access-Control-Expose-Headers").contains("Mcp-Session-Id"));
            McpHttp.Reply unauthenticated = client(null).post(INIT, "Origin", "https://app.example");
            assertEquals(401, unauthenticated.status());
            assertEquals("https://app.example", unauthenticated.header("Access-Control-Allow-Origin"),
                    "the page can read why it was refused");
        });
    }
}
