package dev.bastion.erp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.erp.base.Modules;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Records;
import dev.bastion.orm.fixture.TestPolicy;
import dev.bastion.testing.Deployments;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ERP core inside the running server, through the data engine: the migrated schema, the
 * models the engine sees, the module registry.
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

    @Test
    void modulesListTheirModelsAfterTheirDependencies() {
        List<Modules.Module> all = modules.all();
        assertEquals("base", all.get(0).name());
        assertTrue(all.get(0).models().containsAll(List.of("res.company", "res.currency", "res.country", "res.groups",
                "res.partner", "res.users")), all.get(0).models().toString());
    }
}
