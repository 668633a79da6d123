package dev.bastion.erp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.erp.base.Modules;
import dev.bastion.erp.demo.DemoDataSet;
import dev.bastion.erp.demo.DemoLoader;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Records;
import dev.bastion.orm.fixture.TestPolicy;
import dev.bastion.platform.DatabaseMigrator;
import dev.bastion.testing.Deployments;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ERP core inside the running server, through the data engine (with a policy that allows
 * everything): the migrated schema, the models the engine sees, the module registry, the demo
 * data, and the business flow from quotation to paid invoice.
 */
@ExtendWith(ArquillianExtension.class)
class ErpIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(ErpIT.class, TestPolicy.class);
    }

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    @Inject
    Modules modules;

    private static final CallContext ROOT = new CallContext(1, "root", 1, List.of(1L), ZoneId.of("UTC"), "en_US", true);

    private static JsonArray json(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    @Test
    void baseModelsAreExposedWithOdooNames() {
        ModelInfo users = registry.require("res.users");
        assertEquals(FieldType.MANY2MANY, users.requireField("company_ids").type());
        assertEquals("res.company", users.requireField("company_ids").relation());
        assertEquals("res.groups", users.requireField("groups_id").relation());
        assertEquals("res.company", users.requireField("company_id").relation());
        assertFalse(users.field("password").isPresent(), "the password hash is hidden from the engine");
        ModelInfo partner = registry.require("res.partner");
        assertEquals("res.partner", partner.requireField("parent_id").relation());
        assertEquals(FieldType.ONE2MANY, partner.requireField("child_ids").type());
        assertEquals(FieldType.INTEGER, partner.requireField("customer_rank").type());
        assertTrue(registry.require("res.groups").requireField("full_name").readonly());
    }

    @Test
    void seededGroupsAndCompanyAreReadable() {
        JsonArray groups = records.search(ROOT, "res.groups", json("[[\"xml_id\",\"=like\",\"base.%\"]]"),
                List.of("xml_id", "full_name", "implied_ids"), 0, null, "id").records();
        JsonObject settings = groups.stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("xml_id").equals("base.group_system")).findFirst().orElseThrow();
        assertEquals("Administration / Settings", settings.getString("full_name"));
        assertEquals(1, settings.getJsonArray("implied_ids").size());
        JsonObject company = records.read(ROOT, "res.company", List.of(1L), List.of("currency_id", "tz"))
                .getJsonArray("records").getJsonObject(0);
        assertTrue(company.getJsonArray("currency_id").getString(1).length() == 3, "the currency reads as [id, code]");
    }

    private static JsonObject object(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private JsonObject readOne(String model, long id, String... fields) {
        return records.read(ROOT, model, List.of(id), List.of(fields)).getJsonArray("records").getJsonObject(0);
    }

    private long create(String model, String values) {
        return records.create(ROOT, model, List.of(object(values))).get(0);
    }

    private static BigDecimal amount(JsonObject record, String field) {
        return record.getJsonNumber(field).bigDecimalValue().setScale(2);
    }

    /**
     * The first orders of a new company, created at the same moment: each gets its own number
     * from the one counter they share (it used to be created by each of them, and all but one
     * failed on its key at commit).
     */
    @Test
    void concurrentFirstOrdersOfANewCompanyAllGetNumbers() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long company = create("res.company", "{\"name\":\"Race Company " + tag + "\",\"currency_id\":1,\"tz\":\"UTC\"}");
        long customer = create("res.partner", "{\"name\":\"Race Customer " + tag + "\"}");
        CallContext there = new CallContext(1, "root", company, List.of(1L, company), ZoneId.of("UTC"), "en_US", true);
        ManagedExecutorService threads = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            orders.add(threads.submit(() -> {
                start.await();
                return records.create(there, "sale.order", List.of(object("{\"partner_id\":" + customer
                        + ",\"company_id\":" + company + "}"))).get(0);
            }));
        }
        start.countDown();
        List<Long> ids = new ArrayList<>();
        for (Future<Long> order : orders) {
            ids.add(order.get(60, TimeUnit.SECONDS));
        }
        Set<String> names = records.read(there, "sale.order", ids, List.of("name")).getJsonArray("records").stream()
                .map(r -> r.asJsonObject().getString("name")).collect(Collectors.toSet());
        assertEquals(8, names.size(), "eight orders, eight different numbers: " + names);
    }

    /** Quotation, confirmation, invoice, posting, partial then full payment: all through the data engine. */
    @Test
    void quotationToPaidInvoiceThroughTheEngine() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long customer = create("res.partner", "{\"name\":\"Flow Customer " + tag + "\",\"is_company\":true}");
        long product = create("product.product", "{\"name\":\"Flow Desk " + tag + "\",\"list_price\":200,"
                + "\"standard_price\":120,\"tax_rate\":21}");
        long order = create("sale.order", "{\"partner_id\":" + customer + ",\"company_id\":1}");
        JsonObject created = readOne("sale.order", order, "name", "state", "currency_id", "date_order");
        assertTrue(created.getString("name").matches("S\\d{5,}"), created.toString());
        assertEquals("draft", created.getString("state"));
        assertEquals(1, created.getJsonArray("currency_id").getJsonNumber(0).longValue(), "the company's currency");

        long line = create("sale.order.line", "{\"order_id\":" + order + ",\"product_id\":" + product
                + ",\"product_uom_qty\":2,\"discount\":10}");
        create("sale.order.line", "{\"order_id\":" + order + ",\"name\":\"Delivery\",\"price_unit\":50}");
        JsonObject lineRead = readOne("sale.order.line", line, "name", "price_unit", "price_subtotal", "price_total");
        assertEquals("Flow Desk " + tag, lineRead.getString("name"), "the description defaults to the product");
        assertEquals(new BigDecimal("360.00"), amount(lineRead, "price_subtotal"));
        JsonObject totals = readOne("sale.order", order, "amount_untaxed", "amount_tax", "amount_total");
        assertEquals(new BigDecimal("410.00"), amount(totals, "amount_untaxed"), "creating lines updates the order");
        assertEquals(new BigDecimal("75.60"), amount(totals, "amount_tax"));

        records.write(ROOT, "sale.order.line", List.of(line), object("{\"product_uom_qty\":3}"));
        assertEquals(new BigDecimal("703.40"), amount(readOne("sale.order", order, "amount_total"), "amount_total"),
                "changing a line updates the order: 540 + 113.40 tax + 50");

        records.call(ROOT, "sale.order", "action_quotation_send", List.of(order), null, null);
        records.call(ROOT, "sale.order", "action_confirm", List.of(order), null, null);
        JsonObject confirmed = readOne("sale.order", order, "state", "invoice_status");
        assertEquals("sale", confirmed.getString("state"));
        assertEquals("to invoice", confirmed.getString("invoice_status"));

        JsonArray invoices = records.call(ROOT, "sale.order", "action_create_invoice", List.of(order), null, null)
                .asJsonArray();
        long invoice = invoices.getJsonNumber(0).longValue();
        assertEquals("invoiced", readOne("sale.order", order, "invoice_status").getString("invoice_status"));
        JsonObject draft = readOne("account.move", invoice, "name", "state", "amount_total", "partner_id", "invoice_origin");
        assertEquals("/", draft.getString("name"));
        assertEquals(new BigDecimal("703.40"), amount(draft, "amount_total"));
        assertEquals(created.getString("name"), draft.getString("invoice_origin"));

        records.call(ROOT, "account.move", "action_post", List.of(invoice), null, null);
        JsonObject posted = readOne("account.move", invoice, "name", "state", "payment_state", "invoice_date",
                "invoice_date_due", "amount_residual");
        assertTrue(posted.getString("name").matches("INV/\\d{4}/\\d{5,}"), posted.toString());
        assertEquals("posted", posted.getString("state"));
        assertEquals("not_paid", posted.getString("payment_state"));
        assertEquals(LocalDate.parse(posted.getString("invoice_date")).plusDays(30),
                LocalDate.parse(posted.getString("invoice_date_due")));

        records.call(ROOT, "account.move", "action_register_payment", List.of(invoice),
                json("[255.40, \"2026-03-15\"]"), null);
        JsonObject partial = readOne("account.move", invoice, "payment_state", "amount_residual");
        assertEquals("partial", partial.getString("payment_state"));
        assertEquals(new BigDecimal("448.00"), amount(partial, "amount_residual"));

        InvalidRequest over = assertThrows(InvalidRequest.class, () -> records.call(ROOT, "account.move",
                "action_register_payment", List.of(invoice), null, object("{\"amount\":448.01,\"date\":\"2026-03-20\"}")));
        assertTrue(over.getMessage().contains("exceeds the amount due 448.00"), over.getMessage());

        records.call(ROOT, "account.move", "action_register_payment", List.of(invoice), null,
                object("{\"amount\":448,\"date\":\"2026-03-20\"}"));
        JsonObject paid = readOne("account.move", invoice, "payment_state", "amount_residual");
        assertEquals("paid", paid.getString("payment_state"));
        assertEquals(0, amount(paid, "amount_residual").signum());
        assertEquals(2, records.count(ROOT, "account.payment", json("[[\"move_id\",\"=\"," + invoice + "]]")));
        assertTrue(readOne("res.partner", customer, "customer_rank").getInt("customer_rank") >= 2,
                "confirming and invoicing rank the customer");

        InvalidRequest cancel = assertThrows(InvalidRequest.class,
                () -> records.call(ROOT, "sale.order", "action_cancel", List.of(order), null, null));
        assertTrue(cancel.getMessage().contains("is posted; reverse or reset it first"), cancel.getMessage());
    }

    @Test
    void refusedTransitionsAreClearErrorsAndChangeNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long customer = create("res.partner", "{\"name\":\"Refusal " + tag + "\"}");
        long order = create("sale.order", "{\"partner_id\":" + customer + ",\"company_id\":1}");
        InvalidRequest empty = assertThrows(InvalidRequest.class,
                () -> records.call(ROOT, "sale.order", "action_confirm", List.of(order), null, null));
        assertTrue(empty.getMessage().endsWith(": it has no lines"), empty.getMessage());
        records.call(ROOT, "sale.order", "action_cancel", List.of(order), null, null);
        create("sale.order.line", "{\"order_id\":" + order + ",\"name\":\"Late line\",\"price_unit\":5}");
        InvalidRequest cancelled = assertThrows(InvalidRequest.class,
                () -> records.call(ROOT, "sale.order", "action_confirm", List.of(order), null, null));
        assertTrue(cancelled.getMessage().startsWith("action_confirm: cannot confirm quotation S"), cancelled.getMessage());
        assertTrue(cancelled.getMessage().endsWith(" in state cancel"), cancelled.getMessage());
        assertEquals("cancel", readOne("sale.order", order, "state").getString("state"));
        InvalidRequest readonly = assertThrows(InvalidRequest.class,
                () -> records.write(ROOT, "sale.order", List.of(order), object("{\"state\":\"sale\"}")));
        assertTrue(readonly.getMessage().contains("read-only"), readonly.getMessage());
        RuntimeException discount = assertThrows(RuntimeException.class, () -> create("sale.order.line",
                "{\"order_id\":" + order + ",\"name\":\"Too generous\",\"price_unit\":5,\"discount\":150}"));
        assertTrue(String.valueOf(discount.getMessage()).contains("discount must be between 0 and 100"),
                discount.getClass() + ": " + discount.getMessage());
        records.call(ROOT, "sale.order", "action_draft", List.of(order), null, null);
        records.call(ROOT, "sale.order", "action_confirm", List.of(order), null, null);
        assertEquals("sale", readOne("sale.order", order, "state").getString("state"));
    }

    @Inject
    DemoLoader demo;

    @Inject
    DatabaseMigrator migrator;

    /**
     * With {@code bastion.demo-data=auto} the demo data is loaded at the first start on the
     * embedded database, once; a PostgreSQL database stays empty unless {@code true} asks for it
     * (as the PostgreSQL test run does, for the tests that act as the demo users).
     */
    @Test
    void demoDataIsLoadedOnceOnTheEmbeddedDatabaseOnly() {
        JsonArray americas = records.search(ROOT, "res.company",
                json("[[\"name\",\"=\",\"Bastion Americas Inc.\"]]"), List.of("currency_id", "tz", "parent_id"), 0, null,
                null).records();
        if (!"h2".equals(migrator.state().orElseThrow().vendor()) && !"true".equals(System.getProperty("bastion.demo-data"))) {
            assertEquals(0, americas.size(), "no demo data on PostgreSQL unless asked");
            return;
        }
        assertEquals(1, americas.size());
        assertEquals("USD", americas.getJsonObject(0).getJsonArray("currency_id").getString(1));
        assertEquals("America/New_York", americas.getJsonObject(0).getString("tz"));
        for (String state : List.of("draft", "sent", "sale", "cancel")) {
            assertTrue(records.count(ROOT, "sale.order", json("[[\"state\",\"=\",\"" + state + "\"],"
                    + "[\"company_id.name\",\"=\",\"Bastion Americas Inc.\"]]")) > 5, state);
        }
        for (String state : List.of("not_paid", "partial", "paid", "reversed")) {
            assertTrue(records.count(ROOT, "account.move", json("[[\"payment_state\",\"=\",\"" + state + "\"],"
                    + "[\"state\",\"=\",\"posted\"]]")) > 0, state);
        }
        long overdue = records.count(ROOT, "account.move", json("[[\"state\",\"=\",\"posted\"],"
                + "[\"move_type\",\"=\",\"out_invoice\"],[\"payment_state\",\"in\",[\"not_paid\",\"partial\"]],"
                + "[\"invoice_date_due\",\"<\",\"" + DemoDataSet.REFERENCE + "\"]]"));
        assertTrue(overdue > 5, "overdue customer invoices: " + overdue);
        assertTrue(records.count(ROOT, "res.partner", json("[[\"email\",\"=like\",\"%.example\"]]")) >= 250);
        JsonObject manager = records.search(ROOT, "res.users", json("[[\"login\",\"=\",\"demo.manager\"]]"),
                List.of("company_ids", "groups_id", "tz"), 0, null, null).records().getJsonObject(0);
        assertEquals(2, manager.getJsonArray("company_ids").size());
        assertEquals("Europe/Brussels", manager.getString("tz"));
        assertEquals(null, demo.loadIfEmpty(), "a second load finds data and does nothing");
    }

    @Test
    void modulesListTheirModelsAfterTheirDependencies() {
        List<Modules.Module> all = modules.all();
        assertEquals("base", all.get(0).name());
        assertTrue(all.get(0).models().containsAll(List.of("res.company", "res.currency", "res.country", "res.groups",
                "res.partner", "res.users")), all.get(0).models().toString());
        assertEquals(List.of("base", "product", "invoicing", "mcp", "sales"), all.stream().map(Modules.Module::name).toList());
        assertEquals(List.of("mcp.audit.log", "mcp.prompt", "mcp.prompt.argument", "mcp.resource", "mcp.tool"), all.get(3).models());
        assertEquals(List.of("sale.order", "sale.order.line"), all.get(4).models());
        assertEquals(List.of("account.move", "account.move.line", "account.payment"), all.get(2).models());
    }
}
