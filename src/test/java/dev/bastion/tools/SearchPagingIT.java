package dev.bastion.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paging through {@code search} without counting every match: each page says whether another
 * follows and where it starts, the total is known once the last page is reached or when the
 * caller asks for it, and following next_offset returns every match once, in order.
 */
@ExtendWith(ArquillianExtension.class)
class SearchPagingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @ArquillianResource
    URL base;

    private final String tag = Long.toString(System.nanoTime(), 36);

    private McpHttp http;

    private JsonObject tool(String name, String arguments) throws Exception {
        if (http == null) {
            http = new McpHttp(URI.create(base.toString()).resolve("/mcp"),
                    System.getProperty("it.admin.api-key", "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz"));
            http.initialize("2025-11-25", Json.createObjectBuilder().build());
        }
        McpHttp.Reply reply = http.request(1, "tools/call", Json.createObjectBuilder().add("name", name)
                .add("arguments", Json.createReader(new StringReader(arguments)).readObject()).build());
        assertEquals(200, reply.status(), reply.body());
        JsonObject result = reply.json().getJsonObject("result");
        assertFalse(result.getBoolean("isError"), result.toString());
        return result;
    }

    private JsonObject search(String extra) throws Exception {
        return tool("search", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=like\",\"Paging " + tag + " %\"]],"
                + "\"fields\":[\"name\"]," + extra + "}").getJsonObject("structuredContent");
    }

    private List<Long> partners(int count, int rank) throws Exception {
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            values.append(i == 0 ? "" : ",").append("{\"name\":\"Paging ").append(tag).append(' ').append(rank).append(' ')
                    .append(i).append("\",\"customer_rank\":").append(rank).append('}');
        }
        return tool("create", "{\"model\":\"res.partner\",\"values\":" + values + "]}").getJsonObject("structuredContent")
                .getJsonArray("ids").getValuesAs(jakarta.json.JsonNumber.class).stream().map(n -> n.longValue()).toList();
    }

    @Test
    void nextOffsetLeadsThroughEveryMatchAndTheLastPageKnowsTheTotal() throws Exception {
        List<Long> created = new ArrayList<>(partners(7, 1));
        List<Long> seen = new ArrayList<>();
        JsonObject page = search("\"order\":\"id\",\"limit\":3");
        assertTrue(page.getBoolean("more"), page.toString());
        assertEquals(JsonValue.NULL, page.get("total"), "not counted: more pages follow");
        assertEquals(3, page.getInt("next_offset"));
        while (true) {
            page.getJsonArray("records").forEach(r -> seen.add(r.asJsonObject().getJsonNumber("id").longValue()));
            if (!page.getBoolean("more")) {
                break;
            }
            page = search("\"order\":\"id\",\"limit\":3,\"offset\":" + page.getInt("next_offset"));
        }
        assertEquals(created, seen, "each match once, in order");
        assertEquals(7, page.getInt("total"), "the last page knows how many matched");
        assertEquals(JsonValue.NULL, page.get("next_offset"));

        JsonObject counted = search("\"order\":\"id\",\"limit\":3,\"with_total\":true");
        assertEquals(7, counted.getInt("total"));
        assertTrue(counted.getBoolean("more"));

        JsonObject exact = search("\"order\":\"id\",\"limit\":7");
        assertEquals(7, exact.getInt("total"), "a page holding every match counts them");
        assertFalse(exact.getBoolean("more"));

        JsonObject beyond = search("\"order\":\"id\",\"limit\":3,\"offset\":20");
        assertEquals(0, beyond.getInt("count"));
        assertFalse(beyond.getBoolean("more"));
        assertEquals(JsonValue.NULL, beyond.get("total"), "past the end nothing tells how many there were");
    }

    @Test
    void tiesFollowTheDirectionOfTheLastOrderTermAndPinnedFieldsChangeNoOrder() throws Exception {
        List<Long> ids = partners(4, 3);
        List<Long> descending = new ArrayList<>(ids);
        descending.sort(java.util.Comparator.reverseOrder());
        JsonObject page = search("\"order\":\"customer_rank desc\",\"limit\":10");
        assertEquals(descending, page.getJsonArray("records").stream()
                .map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList(), "ties by id desc after a desc term");

        JsonObject pinned = tool("search", "{\"model\":\"res.partner\",\"domain\":[[\"customer_rank\",\"=\",3],"
                + "[\"name\",\"=like\",\"Paging " + tag + " %\"]],\"fields\":[\"name\"],\"order\":\"id\"}")
                .getJsonObject("structuredContent");
        assertEquals(ids, pinned.getJsonArray("records").stream()
                .map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList(), "ordered by id as asked");
    }

    @Test
    void orderingByAManyToOneKeepsTheRecordsWhereItIsEmptyAndNamesTheTargets() throws Exception {
        List<Long> parents = partners(3, 4);
        List<Long> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(tool("create", "{\"model\":\"res.partner\",\"values\":[{\"name\":\"Paging " + tag + " child " + i
                    + "\",\"parent_id\":" + parents.get(0) + "}]}").getJsonObject("structuredContent").getJsonArray("ids")
                    .getJsonNumber(0).longValue());
        }
        JsonObject page = tool("search", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=like\",\"Paging " + tag
                + " %\"]],\"fields\":[\"name\",\"parent_id\",\"child_ids\"],\"order\":\"parent_id, id\"}")
                .getJsonObject("structuredContent");
        List<Long> all = new ArrayList<>(parents);
        all.addAll(children);
        assertEquals(all.stream().sorted().toList(), page.getJsonArray("records").stream()
                .map(r -> r.asJsonObject().getJsonNumber("id").longValue()).sorted().toList(),
                "the partners without a parent are there too: " + page);
        for (JsonValue r : page.getJsonArray("records")) {
            JsonObject record = r.asJsonObject();
            long id = record.getJsonNumber("id").longValue();
            if (children.contains(id)) {
                assertEquals(Json.createArrayBuilder().add(parents.get(0)).add("Paging " + tag + " 4 0").build(),
                        record.get("parent_id"), record.toString());
            } else {
                assertEquals(JsonValue.FALSE, record.get("parent_id"), record.toString());
            }
            assertEquals(id == parents.get(0) ? Json.createArrayBuilder(children).build() : JsonValue.EMPTY_JSON_ARRAY,
                    record.get("child_ids"), record.toString());
        }
    }

    @Test
    void theOutputSchemaAdmitsAnUncountedTotal() throws Exception {
        tool("count", "{\"model\":\"res.country\"}");
        McpHttp.Reply list = http.request(2, "tools/list", Json.createObjectBuilder().build());
        JsonObject search = list.json().getJsonObject("result").getJsonArray("tools").stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("search")).findFirst().orElseThrow();
        assertEquals(Json.createArrayBuilder().add("integer").add("null").build(),
                search.getJsonObject("outputSchema").getJsonObject("properties").getJsonObject("total").get("type"));
        assertTrue(search.getJsonObject("inputSchema").getJsonObject("properties").containsKey("with_total"));
    }
}
