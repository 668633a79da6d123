package dev.bastion.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The limits the settings put on the built-in tools, changed live: the record cap, the size
 * budget of a result (with the way to the next page), and required confirmation for clients
 * that cannot ask their user.
 */
@ExtendWith(ArquillianExtension.class)
class ToolLimitsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(ToolLimitsIT.class, McpHttp.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    SettingsService settings;

    @Inject
    EntityManager em;

    private final String tag = Long.toString(System.nanoTime(), 36);

    private JsonObject tool(String name, String arguments) throws Exception {
        McpHttp http = new McpHttp(URI.create(base.toString()).resolve("/mcp"),
                System.getProperty("it.admin.api-key", "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz"));
        http.initialize("2025-11-25", Json.createObjectBuilder().build());
        McpHttp.Reply reply = http.request(1, "tools/call", Json.createObjectBuilder().add("name", name)
                .add("arguments", Json.createReader(new StringReader(arguments)).readObject()).build());
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonObject("result");
    }

    private void withSettings(Map<SettingKey, String> values, Executable body) throws Throwable {
        values.forEach((k, v) -> settings.set(k, v, "ToolLimitsIT"));
        try {
            body.execute();
        } finally {
            values.keySet().forEach(key -> settings.reset(key, "it"));
        }
    }

    private void partners(int count) throws Exception {
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            values.append(i == 0 ? "" : ",").append("{\"name\":\"Limits ").append(tag).append(' ').append(i)
                    .append("\",\"comment\":\"").append("x".repeat(300)).append("\"}");
        }
        assertFalse(tool("create", "{\"model\":\"res.partner\",\"values\":" + values + "]}").getBoolean("isError"));
    }

    @Test
    void searchesStayWithinTheRecordCapAndTheSizeBudget() throws Throwable {
        partners(12);
        String search = "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=like\",\"Limits " + tag + " %\"]],"
                + "\"fields\":[\"name\",\"comment\"],\"order\":\"id\",\"limit\":80}";
        withSettings(Map.of(SettingKey.MAX_RECORDS, "5"), () -> {
            JsonObject page = tool("search", search).getJsonObject("structuredContent");
            assertEquals(5, page.getInt("count"), "capped by bastion.max-records");
            assertTrue(page.isNull("total"), "not counted unless asked: " + page);
            assertTrue(page.getBoolean("more"));
            assertEquals(5, page.getInt("next_offset"));
            assertEquals(12, tool("search", search.replace("\"limit\":80", "\"limit\":80,\"with_total\":true"))
                    .getJsonObject("structuredContent").getInt("total"));
        });
        withSettings(Map.of(SettingKey.MCP_RESULT_MAX_BYTES, "1500"), () -> {
            JsonObject page = tool("search", search).getJsonObject("structuredContent");
            assertTrue(page.getBoolean("truncated"), page.toString());
            int count = page.getInt("count");
            assertTrue(count >= 1 && count < 12, page.toString());
            assertEquals(count, page.getInt("next_offset"), "the next page starts after the last record sent");
            JsonObject next = tool("search", search.replace("\"limit\":80", "\"limit\":80,\"offset\":" + count))
                    .getJsonObject("structuredContent");
            assertEquals(count, next.getInt("offset"));
            assertTrue(next.getJsonArray("records").getJsonObject(0).getString("name").endsWith(" " + count));
        });
    }

    @Test
    void requiredConfirmationRefusesClientsThatCannotAsk() throws Throwable {
        partners(1);
        long id = em.createQuery("select p.id from Partner p where p.name = :n", Long.class)
                .setParameter("n", "Limits " + tag + " 0").getSingleResult();
        withSettings(Map.of(SettingKey.MCP_REQUIRE_CONFIRMATION, "true"), () -> {
            JsonObject refused = tool("unlink", "{\"model\":\"res.partner\",\"ids\":[" + id + "]}");
            assertTrue(refused.getBoolean("isError"));
            assertTrue(refused.getJsonArray("content").getJsonObject(0).getString("text").startsWith("Refused: this server "
                    + "requires the user's confirmation"), refused.toString());
            assertEquals(1L, em.createQuery("select count(p) from Partner p where p.id = :id", Long.class)
                    .setParameter("id", id).getSingleResult(), "nothing was deleted");
        });
        assertFalse(tool("unlink", "{\"model\":\"res.partner\",\"ids\":[" + id + "]}").getBoolean("isError"),
                "without the setting such a client proceeds");
    }
}
