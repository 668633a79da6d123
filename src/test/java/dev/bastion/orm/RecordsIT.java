package dev.bastion.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.orm.fixture.TestPolicy;
import dev.bastion.orm.fixture.WidgetSeeder;
import dev.bastion.testing.Deployments;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The record service inside the running server, on a model that exists only in this test
 * deployment ({@code test.widget}): exposed with no engine change, searched with Odoo domains.
 */
@ExtendWith(ArquillianExtension.class)
class RecordsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.orm.fixture").addClass(RecordsIT.class)
                .addAsResource("db/extension/h2/V900__test_widget.sql")
                .addAsResource("db/extension/postgresql/V900__test_widget.sql");
    }

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    @Inject
    WidgetSeeder seeder;

    @Inject
    TestPolicy policy;

    private static final CallContext USER = new CallContext(1, "tester", 1, List.of(1L), ZoneId.of("Europe/Brussels"),
            "en_US", true);

    private String prefix;
    private List<Long> ids;

    @BeforeEach
    void seed() {
        policy.reset();
        prefix = UUID.randomUUID().toString().substring(0, 8);
        ids = seeder.tree(prefix);
    }

    private static JsonArray json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    /** Names of the widgets of this test matching {@code domain} (ANDed with this test's prefix). */
    private List<String> names(String domain, String order) {
        JsonArray d = json("[[\"code\",\"=like\",\"" + prefix + "-%\"]" + (domain.isEmpty() ? "" : "," + domain) + "]");
        return records.search(USER, "test.widget", d, List.of("name"), 0, null, order).records().stream()
                .map(r -> r.asJsonObject().getString("name").replace(" " + prefix, "")).toList();
    }

    @Test
    void anAnnotatedEntityIsExposedWithNoEngineChange() {
        ModelInfo widget = registry.require("test.widget");
        assertEquals("Widget", widget.label());
        assertEquals(FieldType.CHAR, widget.requireField("name").type());
        assertTrue(widget.requireField("name").required());
        assertEquals(FieldType.MANY2ONE, widget.requireField("parent_id").type());
        assertEquals("test.widget", widget.requireField("parent_id").relation());
        assertEquals(List.of("draft", "done"), widget.requireField("state").selectionValues());
        assertEquals(FieldType.DATETIME, widget.requireField("stamp").type());
        assertFalse(widget.field("version").isPresent(), "the optimistic-lock column is internal");
        assertEquals("many2one", widget.describeFields().getJsonObject("parent_id").getString("type"));
    }

    @Test
    void domainsFilterWithOdooSemantics() {
        assertEquals(List.of("Alpha", "Beta 50%", "Gamma", "Root"), names("", "name"));
        assertEquals(List.of("Alpha", "Gamma"), names("[\"state\",\"=\",\"done\"]", "name"));
        assertEquals(List.of("Alpha", "Beta 50%"), names("\"|\", [\"qty\",\"=\",3], [\"name\",\"ilike\",\"beta\"]", "name"));
        assertEquals(List.of("Beta 50%", "Root"), names("\"!\", [\"state\",\"=\",\"done\"]", "name"));
        assertEquals(List.of("Gamma"), names("[\"parent_id.name\",\"ilike\",\"alpha\"]", "name"));
        assertEquals(List.of("Root"), names("[\"parent_id\",\"=\",false]", "name"));
        assertEquals(List.of("Alpha", "Beta 50%", "Gamma", "Root"), names("[\"qty\",\"=?\",false]", "name"));
        assertEquals(List.of("Beta 50%"), names("[\"name\",\"like\",\"50%\"]", "name"), "like searches the text literally");
        assertEquals(List.of("Alpha", "Beta 50%", "Gamma", "Root"), names("[\"id\",\"child_of\"," + ids.get(0) + "]", "name"));
        assertEquals(List.of("Alpha", "Gamma", "Root"), names("[\"id\",\"parent_of\"," + ids.get(3) + "]", "name"));
        assertEquals(List.of("Beta 50%", "Root"), names("[\"price\",\"in\",[1.5, 20.0]]", "name"));
        assertEquals(List.of("Root", "Beta 50%", "Alpha", "Gamma"), names("", "qty desc"));
    }

    @Test
    void archivedRecordsOnlyWhenAsked() {
        assertFalse(names("", "name").contains("Old"));
        JsonArray all = json("[[\"code\",\"=like\",\"" + prefix + "-%\"]]");
        assertEquals(5, records.search(USER.withActiveTest(false), "test.widget", all, List.of(), 0, null, null).total());
        assertEquals(List.of("Old"), names("[\"active\",\"=\",false]", "name"));
    }

    @Test
    void pagesReportTotalsAndMore() {
        JsonArray mine = json("[[\"code\",\"=like\",\"" + prefix + "-%\"]]");
        Records.Page first = records.search(USER, "test.widget", mine, List.of("name"), 0, 3, "name");
        assertEquals(4, first.total());
        assertEquals(3, first.records().size());
        assertTrue(first.more());
        Records.Page second = records.search(USER, "test.widget", mine, List.of("name"), 3, 3, "name");
        assertFalse(second.more());
        assertEquals(4, records.count(USER, "test.widget", mine));
    }

    @Test
    void valuesReadTheOdooWay() {
        JsonObject read = records.read(USER, "test.widget", List.of(ids.get(3), -1L), List.of("parent_id", "stamp", "state"));
        JsonObject gamma = read.getJsonArray("records").getJsonObject(0);
        assertEquals(ids.get(1).longValue(), gamma.getJsonArray("parent_id").getJsonNumber(0).longValue());
        assertEquals("Alpha " + prefix, gamma.getJsonArray("parent_id").getString(1));
        assertEquals("2026-03-29T01:30:00+01:00", gamma.getString("stamp"), "00:30 UTC is 01:30 CET, before the DST switch");
        assertEquals("2026-03-29T04:30:00+02:00", Values.fromUtc(java.time.LocalDateTime.of(2026, 3, 29, 2, 30),
                ZoneId.of("Europe/Brussels")), "after the switch the offset is +02:00");
        assertEquals(java.time.LocalDateTime.of(2026, 3, 29, 0, 30), Values.toUtc("2026-03-29T01:30:00", USER.tz()));
        assertEquals(java.time.LocalDateTime.of(2026, 3, 29, 1, 30), Values.toUtc("2026-03-29T01:30:00Z", USER.tz()));
        assertEquals(List.of(-1L), read.getJsonArray("missing").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::longValue).toList());
        JsonObject defaults = records.read(USER, "test.widget", List.of(ids.get(0)), List.of()).getJsonArray("records").getJsonObject(0);
        assertFalse(defaults.containsKey("notes"), "long texts are not in the default field set");
        assertEquals(JsonValue.FALSE, defaults.get("parent_id"));
    }

    @Test
    void mistakesAreNamedPrecisely() {
        String unknown = assertThrows(InvalidRequest.class, () -> names("[\"stat\",\"=\",\"done\"]", "name")).getMessage();
        assertTrue(unknown.contains("Unknown field 'stat' on test.widget (did you mean 'state'?)"), unknown);
        String type = assertThrows(InvalidRequest.class, () -> names("[\"qty\",\">\",\"many\"]", "name")).getMessage();
        assertTrue(type.contains("does not fit integer field 'qty'"), type);
        String selection = assertThrows(InvalidRequest.class, () -> names("[\"state\",\"=\",\"gone\"]", "name")).getMessage();
        assertTrue(selection.contains("use one of [draft, done]"), selection);
        String order = assertThrows(InvalidRequest.class, () -> names("", "name; drop table test_widget")).getMessage();
        assertTrue(order.contains("Unknown field") || order.contains("Invalid order"), order);
        String model = assertThrows(InvalidRequest.class, () -> records.count(USER, "test.widgets", null)).getMessage();
        assertTrue(model.contains("did you mean 'test.widget'"), model);
        String path = assertThrows(InvalidRequest.class, () -> names("[\"name.x\",\"=\",1]", "name")).getMessage();
        assertTrue(path.contains("only relations can be followed"), path);
    }

    @Test
    void thePolicyIsTheOnlyDoor() {
        policy.addRule(json("[[\"state\",\"=\",\"done\"]]"));
        assertEquals(List.of("Alpha", "Gamma"), names("", "name"), "record rules narrow every search");
        assertEquals(1, records.read(USER, "test.widget", List.of(ids.get(0), ids.get(1)), List.of("name"))
                .getJsonArray("missing").size(), "a hidden record reads as missing");

        policy.reset();
        policy.hideFields(Set.of("price"));
        assertThrows(AccessDenied.class, () -> names("[\"price\",\">\",5]", "name"), "filtering leaks values");
        assertThrows(AccessDenied.class, () -> names("", "price"), "ordering leaks values");
        assertThrows(AccessDenied.class, () -> records.read(USER, "test.widget", List.of(ids.get(0)), List.of("price")));

        policy.reset();
        policy.denyRead();
        String denied = assertThrows(AccessDenied.class, () -> records.count(USER, "test.widget", null)).getMessage();
        assertEquals("Access denied: read on test.widget", denied);
    }

    @Inject
    jakarta.transaction.UserTransaction transaction;

    private static JsonObject values(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void createWriteUnlinkWithChecks() {
        List<Long> created = records.create(USER, "test.widget", List.of(
                values("{\"name\":\"New " + prefix + "\",\"code\":\"" + prefix + "-new\",\"qty\":5,"
                        + "\"parent_id\":" + ids.get(0) + ",\"stamp\":\"2026-10-25T02:30:00+01:00\"}")));
        assertEquals(1, created.size());
        JsonObject fresh = records.read(USER, "test.widget", created, List.of("parent_id", "stamp", "state"))
                .getJsonArray("records").getJsonObject(0);
        assertEquals(ids.get(0).longValue(), fresh.getJsonArray("parent_id").getJsonNumber(0).longValue());
        assertEquals("2026-10-25T02:30:00+01:00", fresh.getString("stamp"), "the hour that repeats at the DST end keeps its offset");
        assertEquals("draft", fresh.getString("state"));

        assertTrue(assertThrows(InvalidRequest.class, () -> records.create(USER, "test.widget",
                List.of(values("{\"code\":\"x\"}")))).getMessage().contains("'name' of test.widget is required"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.create(USER, "test.widget",
                List.of(values("{\"name\":\"x\",\"state\":\"lost\"}")))).getMessage().contains("use one of [draft, done]"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.write(USER, "test.widget", created,
                values("{\"id\":7}"))).getMessage().contains("read-only"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.write(USER, "test.widget", created,
                values("{\"qty\":\"seven\"}"))).getMessage().contains("does not fit integer field 'qty'"));

        records.write(USER, "test.widget", created, values("{\"qty\":6,\"parent_id\":false}"));
        JsonObject written = records.read(USER, "test.widget", created, List.of("qty", "parent_id"))
                .getJsonArray("records").getJsonObject(0);
        assertEquals(6, written.getInt("qty"));
        assertEquals(JsonValue.FALSE, written.get("parent_id"));

        String referenced = assertThrows(InvalidRequest.class,
                () -> records.unlink(USER, "test.widget", List.of(ids.get(0)))).getMessage();
        assertTrue(referenced.contains("still refer to them through 'parent_id'"), referenced);
        records.unlink(USER, "test.widget", created);
        assertEquals(1, records.read(USER, "test.widget", created, List.of("name")).getJsonArray("missing").size());
    }

    @Test
    void refusedWritesChangeNothing() {
        policy.addRule(json("[[\"state\",\"=\",\"done\"]]"));
        assertThrows(AccessDenied.class, () -> records.write(USER, "test.widget", List.of(ids.get(0)),
                values("{\"qty\":99}")), "Root is draft: outside the rule");
        assertThrows(AccessDenied.class, () -> records.unlink(USER, "test.widget", List.of(ids.get(2))));
        policy.reset();
        policy.hideFields(Set.of("qty"));
        assertThrows(AccessDenied.class, () -> records.write(USER, "test.widget", List.of(ids.get(1)), values("{\"qty\":99}")));
        policy.reset();
        JsonArray stored = records.read(USER, "test.widget", List.of(ids.get(0), ids.get(1), ids.get(2)), List.of("qty"))
                .getJsonArray("records");
        assertEquals(List.of(10, 3, 7), stored.stream().map(r -> r.asJsonObject().getInt("qty")).toList());
    }

    /** Two writers of one record: the second to commit is refused, the first's update stands. */
    @Test
    void concurrentWritersNeverLoseAnUpdateSilently() throws Exception {
        long id = ids.get(1);
        transaction.begin();
        records.write(USER, "test.widget", List.of(id), values("{\"qty\":100}"));
        java.util.concurrent.CompletableFuture<Throwable> other = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                records.write(USER, "test.widget", List.of(id), values("{\"qty\":200}"));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(300);
        transaction.commit();
        Throwable refused = other.get(30, java.util.concurrent.TimeUnit.SECONDS);
        int qty = records.read(USER, "test.widget", List.of(id), List.of("qty")).getJsonArray("records")
                .getJsonObject(0).getInt("qty");
        assertTrue(refused instanceof ConcurrentUpdate, "the writer that read the old version is refused: " + refused);
        assertEquals(100, qty, "the first update stands");
    }

    @Test
    void businessMethodsAreCalledWithCheckedArguments() {
        List<Long> two = List.of(ids.get(0), ids.get(2));
        assertEquals(Json.createValue(17L), records.call(USER, "test.widget", "total", two, null, null));
        records.call(USER, "test.widget", "restock", two, Json.createArrayBuilder().add(5).build(),
                values("{\"due\":\"2026-12-01\"}"));
        JsonArray restocked = records.read(USER, "test.widget", two, List.of("qty", "due")).getJsonArray("records");
        assertEquals(List.of(15, 12), restocked.stream().map(r -> r.asJsonObject().getInt("qty")).toList());
        assertEquals("2026-12-01", restocked.getJsonObject(0).getString("due"));

        assertTrue(assertThrows(InvalidRequest.class, () -> records.call(USER, "test.widget", "restock", two,
                null, values("{\"amount\":\"lots\",\"due\":\"2026-12-01\"}"))).getMessage()
                .contains("argument 'amount' must be a number"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.call(USER, "test.widget", "restock", two,
                null, values("{\"amount\":1}"))).getMessage().contains("missing argument 'due'"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.call(USER, "test.widget", "restock", two,
                null, values("{\"amount\":1,\"due\":\"2026-12-01\",\"force\":true}"))).getMessage()
                .contains("unknown arguments [force]"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.call(USER, "test.widget", "secret", two, null, null))
                .getMessage().contains("no public method 'secret'"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.call(USER, "test.widget", "_private", two, null, null))
                .getMessage().contains("Private methods cannot be called"));
    }

    @Test
    void aFailingMethodChangesNothing() {
        List<Long> mixed = List.of(ids.get(0), ids.get(1));
        String refused = assertThrows(InvalidRequest.class,
                () -> records.call(USER, "test.widget", "action_done", mixed, null, null)).getMessage();
        assertTrue(refused.contains("is already done"), refused);
        assertEquals("draft", records.read(USER, "test.widget", List.of(ids.get(0)), List.of("state"))
                .getJsonArray("records").getJsonObject(0).getString("state"), "all or nothing");
        policy.blockMethods(Set.of("action_done"));
        assertThrows(AccessDenied.class, () -> records.call(USER, "test.widget", "action_done", List.of(ids.get(0)), null, null));
    }

    @Test
    void nameSearchAndDefaults() {
        JsonArray found = records.nameSearch(USER, "test.widget", "alpha " + prefix, null, null);
        assertEquals(1, found.size());
        assertEquals(ids.get(1).longValue(), found.getJsonArray(0).getJsonNumber(0).longValue());
        JsonObject defaults = records.defaultGet(USER, "test.widget", List.of());
        assertEquals("draft", defaults.getString("state"));
        assertEquals(JsonValue.TRUE, defaults.get("active"));
    }

    @Test
    void readGroupAggregatesInTheDatabaseAndBucketsDates() {
        JsonArray mine = json("[[\"code\",\"=like\",\"" + prefix + "-%\"]]");
        JsonArray byState = records.readGroup(USER, "test.widget", mine, List.of("qty", "price:avg"),
                List.of("state"), "qty desc", 0, null);
        assertEquals(2, byState.size());
        JsonObject draft = byState.getJsonObject(0);
        assertEquals("draft", draft.getString("state"));
        assertEquals(2, draft.getInt("__count"));
        assertEquals(17, draft.getInt("qty"));
        assertEquals(10.75, draft.getJsonNumber("price:avg").doubleValue(), 1e-9);
        assertEquals(4, byState.getJsonObject(1).getInt("qty"));

        JsonArray byParent = records.readGroup(USER, "test.widget", mine, List.of(), List.of("parent_id"), "__count desc", 0, null);
        assertEquals(3, byParent.size());
        assertEquals(2, byParent.getJsonObject(0).getInt("__count"));
        assertEquals("Root " + prefix, byParent.getJsonObject(0).getJsonArray("parent_id").getString(1));

        JsonArray byMonth = records.readGroup(USER, "test.widget", mine, List.of("qty:max"), List.of("stamp:month"),
                "stamp:month desc", 0, null);
        assertEquals("2026-03", byMonth.getJsonObject(0).getString("stamp:month"));
        assertEquals(1, byMonth.getJsonObject(0).getInt("__count"));
        assertEquals(JsonValue.FALSE, byMonth.getJsonObject(1).get("stamp:month"), "no date is a group of its own");

        assertTrue(assertThrows(InvalidRequest.class, () -> records.readGroup(USER, "test.widget", mine,
                List.of("name:sum"), List.of("state"), null, 0, null)).getMessage().contains("Cannot sum char field 'name'"));
        assertTrue(assertThrows(InvalidRequest.class, () -> records.readGroup(USER, "test.widget", mine,
                List.of(), List.of("stamp:fortnight"), null, 0, null)).getMessage().contains("Unknown granularity"));
        policy.hideFields(Set.of("price"));
        assertThrows(AccessDenied.class, () -> records.readGroup(USER, "test.widget", mine, List.of("price"),
                List.of("state"), null, 0, null), "aggregates leak values too");
    }
}
