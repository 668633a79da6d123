package dev.bastion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.McpHttp;
import dev.bastion.testing.SseEvents;
import dev.bastion.testing.ToolCalls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalog (tools, resources, global prompts) and the playground in a real browser, checked
 * against what MCP clients get: a reorder, a disabled tool and a rename reach {@code tools/list}
 * and open streams at once; an invalid JSON Schema is refused by its field with nothing saved;
 * the prompt preview is what {@code prompts/get} answers; the playground answers with the user's
 * own rights, a denial included, exactly as over MCP. One server and one browser for the class;
 * each test puts back what it changed (the test database outlives runs).
 */
class CatalogConsoleIT extends ConsoleFixture {

    private static final Duration SOON = Duration.ofSeconds(10);

    /** {@code tools/list} as {@code key}'s client gets it (2026-07-28, stateless). */
    private List<JsonObject> toolsList(String key) throws Exception {
        McpHttp http = new McpHttp(server().resolve("/mcp"), key);
        JsonObject params = Json.createObjectBuilder().add("_meta", Json.createObjectBuilder()
                .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT)).build();
        McpHttp.Reply reply = http.post(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1)
                .add("method", "tools/list").add("params", params).build().toString(),
                "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonObject("result").getJsonArray("tools").getValuesAs(JsonObject.class);
    }

    private List<String> toolNames(String key) throws Exception {
        return toolsList(key).stream().map(t -> t.getString("name")).toList();
    }

    private long toolId(String name) throws Exception {
        return admin().success("search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"" + name + "\"]],"
                + "\"fields\":[\"id\"],\"context\":{\"active_test\":false}}").getJsonArray("records").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    private JsonObject toolRecord(long id) throws Exception {
        return admin().success("read", "{\"model\":\"mcp.tool\",\"ids\":[" + id + "],\"fields\":[\"title\","
                + "\"input_schema\",\"active\",\"sequence\"],\"context\":{\"active_test\":false}}")
                .getJsonArray("records").getJsonObject(0);
    }

    private void writeTool(long id, String values) throws Exception {
        admin().success("write", "{\"model\":\"mcp.tool\",\"ids\":[" + id + "],\"values\":" + values + "}");
    }

    /** The row of the tools table whose name cell says {@code name}. */
    private static WebElement toolRow(ConsoleBrowser b, String name) {
        return b.waitFor(By.xpath("//tbody[@id='tools:list_data']/tr[.//a[contains(@class,'tool-name')]"
                + "[normalize-space()='" + name + "']]"));
    }

    private static List<String> listedTools(ConsoleBrowser b) {
        return b.driver.findElements(By.cssSelector("#tools\\:list_data a.tool-name")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    /** A user with a password and an API key, created by the administrator over MCP. */
    private record User(String login, String key) {
    }

    private User user(String groups) throws Exception {
        String login = user("catalog.", groups);
        return new User(login, issueKey(login));
    }

    @Test
    void aNonAdministratorGets403OnEveryCatalogPageAndThePlayground() throws Exception {
        User internal = user("[1,3]");
        ConsoleBrowser b = browser();
        b.signIn(internal.login(), USER_PASSWORD);
        assertTrue(b.driver.findElements(By.id("menu-catalog")).isEmpty(), "no catalog in their menu");
        assertTrue(b.driver.findElements(By.id("menu-playground")).isEmpty(), "no playground in their menu");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String page : List.of("/admin/catalog/tools.xhtml", "/admin/catalog/tool.xhtml?id=1",
                "/admin/catalog/resources.xhtml", "/admin/catalog/prompts.xhtml", "/admin/catalog/prompt.xhtml",
                "/admin/playground.xhtml")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server().resolve(page))
                    .header("Cookie", "JSESSIONID=" + b.sessionCookie()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), page + ": " + response.body());
        }
        b.signIn("admin", ADMIN_PASSWORD);
        assertEquals(200, http.send(HttpRequest.newBuilder(server().resolve("/admin/catalog/tools.xhtml"))
                .header("Cookie", "JSESSIONID=" + b.sessionCookie()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode(), "an administrator opens it");
    }

    @Test
    void draggingAToolReordersWhatClientsListAndTheArrowsMoveItBack() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-catalog")).click();
        b.waitFor(By.id("tools:list"));
        List<String> before = listedTools(b);
        assertTrue(before.size() > 5, "the built-in tools are listed: " + before);
        String first = before.get(0);
        String second = before.get(1);
        b.screenshot("catalog-tools");

        // Drag the second row above the first by its handle, in small steps as a hand would.
        WebElement handle = toolRow(b, second).findElement(By.cssSelector(".drag-handle"));
        int rowHeight = toolRow(b, first).getSize().getHeight();
        Actions drag = new Actions(b.driver).clickAndHold(handle);
        for (int step = 0; step < 6; step++) {
            drag.moveByOffset(0, -(rowHeight + 10) / 6);
        }
        drag.moveByOffset(0, -8).release().perform();
        b.waitForText(By.id("messages"), "\"" + second + "\" is now tool 1");
        assertEquals(List.of(second, first), listedTools(b).subList(0, 2), "the page shows the new order");
        List<String> listed = toolNames(ADMIN_KEY);
        assertTrue(listed.indexOf(second) < listed.indexOf(first), "clients list it first now: " + listed);
        b.screenshot("catalog-tools-reordered");

        toolRow(b, second).findElement(By.cssSelector("button.move-down")).click();
        b.waitForText(By.id("messages"), "\"" + second + "\" is now tool 2");
        assertEquals(List.of(first, second), listedTools(b).subList(0, 2));
        listed = toolNames(ADMIN_KEY);
        assertTrue(listed.indexOf(first) < listed.indexOf(second), "and back: " + listed);
    }

    @Test
    void aDisabledToolIsGoneFromToolsListUntilEnabledAgain() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.open("/admin/catalog/tools.xhtml");
        assertTrue(toolNames(ADMIN_KEY).contains("count"));
        try {
            toolRow(b, "count").findElement(By.cssSelector("button.toggle")).click();
            b.waitForText(By.id("messages"), "\"count\" disabled");
            assertTrue(toolRow(b, "count").getText().contains("disabled"));
            assertFalse(toolNames(ADMIN_KEY).contains("count"), "no client lists it");
            McpHttp.Reply call = admin().call("count", "{\"model\":\"res.partner\"}");
            assertTrue(call.body().contains("Unknown tool: count"), "nor calls it: " + call.body());
            b.screenshot("catalog-tool-disabled");

            toolRow(b, "count").findElement(By.cssSelector("button.toggle")).click();
            b.waitForText(By.id("messages"), "\"count\" enabled");
            assertTrue(toolNames(ADMIN_KEY).contains("count"), "listed again");
        } finally {
            writeTool(toolId("count"), "{\"active\":true}");
        }
    }

    @Test
    void renamingAToolReachesAnOpenStreamAtOnceAndAScriptTitleShowsAsText() throws Exception {
        long count = toolId("count");
        String original = toolRecord(count).getString("title");
        String script = "<script>alert(1)</script>";
        McpHttp session = new McpHttp(server().resolve("/mcp"), ADMIN_KEY);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        try (SseEvents stream = SseEvents.open(HttpRequest.newBuilder(server().resolve("/mcp"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session.sessionId()).header("MCP-Protocol-Version", "2025-11-25").GET().build())) {
            assertEquals(200, stream.status());
            ConsoleBrowser b = signedInAdmin();
            b.open("/admin/catalog/tools.xhtml");
            toolRow(b, "count").findElement(By.cssSelector("a.tool-name")).click();
            WebElement title = b.waitFor(By.id("tool:title"));
            assertEquals(original, title.getAttribute("value"));
            title.clear();
            title.sendKeys(script);
            b.driver.findElement(By.id("tool:save")).click();
            b.waitForText(By.id("messages"), "Tool \"count\" saved");
            assertNotNull(stream.next("notifications/tools/list_changed", SOON), "the open stream heard of the rename");
            assertEquals(script, toolsList(ADMIN_KEY).stream().filter(t -> t.getString("name").equals("count"))
                    .findFirst().orElseThrow().getString("title"), "clients list the new title");

            b.open("/admin/catalog/tools.xhtml");
            assertEquals(script, toolRow(b, "count").findElement(By.cssSelector(".tool-title")).getText(),
                    "the title shows as the text it is");
            assertThrows(NoAlertPresentException.class, () -> b.driver.switchTo().alert(), "and runs nothing");
            b.screenshot("catalog-tool-script-title");
        } finally {
            writeTool(count, Json.createObjectBuilder().add("title", original).build().toString());
        }
    }

    @Test
    void anInvalidJsonSchemaIsRefusedByItsFieldAndNothingIsSaved() throws Exception {
        long count = toolId("count");
        String stored = toolRecord(count).getString("input_schema");
        ConsoleBrowser b = signedInAdmin();
        b.open("/admin/catalog/tool.xhtml?id=" + count);
        WebElement schema = b.waitFor(By.id("tool:input-schema"));
        b.fill(schema, "{\"type\": \"object\", \"properties\": {\"model\": {\"type\": \"strin\"}}}");
        b.driver.findElement(By.id("tool:save")).click();
        WebElement message = b.waitFor(By.xpath("//div[contains(@class,'field')][.//textarea[@id='tool:input-schema']]"
                + "//*[contains(@class,'ui-message-error')]"));
        assertTrue(message.getText().contains("not a valid JSON Schema 2020-12")
                && message.getText().contains("/properties/model/type"), message.getText());
        b.screenshot("catalog-tool-invalid-schema");
        assertEquals(stored, toolRecord(count).getString("input_schema"), "nothing saved");
        assertFalse(b.driver.findElement(By.id("messages")).getText().contains("saved"));

        // The engine refuses it too, whoever writes: the write tool gets the same sentence.
        McpHttp.Reply overMcp = admin().call("write", "{\"model\":\"mcp.tool\",\"ids\":[" + count + "],\"values\":"
                + "{\"input_schema\":\"{\\\"type\\\":\\\"object\\\",\\\"required\\\":\\\"model\\\"}\"}}");
        assertTrue(overMcp.body().contains("not a valid JSON Schema 2020-12: at /required"), overMcp.body());
        assertEquals(stored, toolRecord(count).getString("input_schema"));
    }

    @Test
    void thePromptPreviewIsWhatPromptsGetAnswers() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.open("/admin/catalog/prompts.xhtml");
        b.waitFor(By.id("prompts:list"));
        b.screenshot("catalog-prompts");
        b.driver.findElement(By.xpath("//a[contains(@class,'prompt-name')][normalize-space()='customer_360']")).click();
        b.waitFor(By.id("prompt:preview")).click();
        assertTrue(b.waitFor(By.id("prompt:preview-problem")).getText()
                .contains("Missing required argument 'partner' of prompt customer_360"), "refused as prompts/get refuses");

        WebElement sample = b.driver.findElement(By.cssSelector("input[aria-label='Sample value of partner']"));
        sample.sendKeys("Azure Interior");
        b.driver.findElement(By.id("prompt:preview")).click();
        String previewed = b.waitFor(By.id("preview-text")).getText();
        assertTrue(previewed.contains("customer \"Azure Interior\""), previewed);
        assertEquals("user", b.driver.findElement(By.id("preview-role")).getText());
        b.screenshot("catalog-prompt-preview");

        McpHttp http = new McpHttp(server().resolve("/mcp"), ADMIN_KEY);
        http.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        JsonObject got = http.request(2, "prompts/get", Json.createObjectBuilder().add("name", "customer_360")
                .add("arguments", Json.createObjectBuilder().add("partner", "Azure Interior")).build()).json()
                .getJsonObject("result");
        assertEquals(got.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text").strip(),
                previewed.strip(), "the preview is the text prompts/get answers");
    }

    @Test
    void aGlobalPromptIsCreatedPreviewedAndDeletedAfterConfirmation() throws Exception {
        String name = "catalog_it_" + UUID.randomUUID().toString().substring(0, 6);
        McpHttp session = new McpHttp(server().resolve("/mcp"), ADMIN_KEY);
        session.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        try (SseEvents stream = SseEvents.open(HttpRequest.newBuilder(server().resolve("/mcp"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session.sessionId()).header("MCP-Protocol-Version", "2025-11-25").GET().build())) {
            ConsoleBrowser b = signedInAdmin();
            b.open("/admin/catalog/prompts.xhtml");
            b.waitFor(By.id("new-prompt")).click();
            b.waitFor(By.id("prompt:name")).sendKeys(name);
            b.driver.findElement(By.id("prompt:title")).sendKeys("<script>alert(1)</script>");
            b.driver.findElement(By.id("prompt:template")).sendKeys("Hello {who");
            b.driver.findElement(By.id("prompt:save")).click();
            assertTrue(b.waitFor(By.cssSelector(".ui-message-error")).getText().contains("does not open a placeholder"),
                    "a lone brace is refused by the template field");
            WebElement template = b.driver.findElement(By.id("prompt:template"));
            template.clear();
            template.sendKeys("Hello {who}, today is {today}.");
            b.driver.findElement(By.id("prompt:add-argument")).click();
            b.waitFor(By.cssSelector("input[aria-label='Argument name']")).sendKeys("who");
            b.driver.findElement(By.id("prompt:save")).click();
            b.waitForText(By.id("messages"), "Prompt \"" + name + "\" saved");
            assertNotNull(stream.next("notifications/prompts/list_changed", SOON), "clients hear of the new prompt");

            b.open("/admin/catalog/prompts.xhtml");
            WebElement row = b.waitFor(By.xpath("//tr[.//a[contains(@class,'prompt-name')][normalize-space()='" + name + "']]"));
            assertEquals("<script>alert(1)</script>", row.findElement(By.cssSelector(".prompt-title")).getText());
            assertThrows(NoAlertPresentException.class, () -> b.driver.switchTo().alert());
            row.findElement(By.cssSelector("button.delete")).click();
            b.waitFor(By.cssSelector(".ui-confirmdialog-yes"));
            b.screenshot("catalog-prompt-delete-confirm");
            b.driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
            b.waitForText(By.id("messages"), "Prompt \"" + name + "\" deleted");
            assertTrue(b.driver.findElements(By.xpath("//a[normalize-space()='" + name + "']")).isEmpty());
            assertTrue(admin().success("search", "{\"model\":\"mcp.prompt\",\"domain\":[[\"name\",\"=\",\"" + name
                    + "\"]],\"context\":{\"active_test\":false}}").getJsonArray("records").isEmpty(), "gone for clients too");
        } finally {
            // A failed run leaves no prompt behind for the next one to list.
            for (JsonValue left : admin().success("search", "{\"model\":\"mcp.prompt\",\"domain\":[[\"name\",\"=\",\""
                    + name + "\"]],\"fields\":[\"argument_ids\"],\"context\":{\"active_test\":false}}").getJsonArray("records")) {
                if (!left.asJsonObject().getJsonArray("argument_ids").isEmpty()) {
                    admin().success("unlink", "{\"model\":\"mcp.prompt.argument\",\"ids\":"
                            + left.asJsonObject().getJsonArray("argument_ids") + "}");
                }
                admin().success("unlink", "{\"model\":\"mcp.prompt\",\"ids\":[" + left.asJsonObject().getInt("id") + "]}");
            }
        }
    }

    @Test
    void aDisabledResourceIsNoLongerListed() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.open("/admin/catalog/resources.xhtml");
        By system = By.xpath("//tbody[@id='resources:list_data']/tr[.//code[normalize-space()='bastion://system']]");
        b.waitFor(system);
        b.screenshot("catalog-resources");
        try {
            b.driver.findElement(system).findElement(By.cssSelector("button.toggle")).click();
            b.waitForText(By.id("messages"), "bastion://system disabled");
            McpHttp http = new McpHttp(server().resolve("/mcp"), ADMIN_KEY);
            http.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
            assertFalse(http.request(2, "resources/list", null).body().contains("bastion://system"));
            b.driver.findElement(system).findElement(By.cssSelector("button.toggle")).click();
            b.waitForText(By.id("messages"), "bastion://system enabled");
            assertTrue(http.request(3, "resources/list", null).body().contains("bastion://system"));
        } finally {
            long id = admin().success("search", "{\"model\":\"mcp.resource\",\"domain\":[[\"uri\",\"=\",\"bastion://system\"]],"
                    + "\"fields\":[\"id\"],\"context\":{\"active_test\":false}}").getJsonArray("records").getJsonObject(0)
                    .getInt("id");
            admin().success("write", "{\"model\":\"mcp.resource\",\"ids\":[" + id + "],\"values\":{\"active\":true}}");
        }
    }

    /** Picks {@code tool} in the playground and types {@code model} into its model field. */
    private static void prepare(ConsoleBrowser b, String tool, String model) {
        b.open("/admin/playground.xhtml");
        new Select(b.waitFor(By.id("run:tool"))).selectByValue(tool);
        b.waitFor(By.id("run:call"));
        WebElement field = b.waitFor(By.cssSelector("[data-argument='model']"));
        field.sendKeys(model);
    }

    @Test
    void thePlaygroundAnswersWithTheUsersRightsAsAnMcpClientIsAnswered() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-playground")).click();
        List<String> offered = new Select(b.waitFor(By.id("run:tool"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertEquals(toolNames(ADMIN_KEY), offered, "the tools the user's own client lists, in order");

        prepare(b, "count", "res.partner");
        b.screenshot("playground-form");
        b.driver.findElement(By.id("run:call")).click();
        String structured = b.waitFor(By.id("structured")).getText();
        long overMcp = admin().success("count", "{\"model\":\"res.partner\"}").getJsonNumber("count").longValue();
        assertEquals(overMcp, Json.createReader(new java.io.StringReader(structured)).readObject()
                .getJsonNumber("count").longValue(), structured);
        assertEquals("The call succeeded", b.driver.findElement(By.id("answer-verdict")).getText());
        b.screenshot("playground-granted");

        // Arguments the schema refuses are refused as a client's are: before the tool runs.
        prepare(b, "count", "res.partner");
        b.driver.findElement(By.cssSelector("[data-argument='domain']")).sendKeys("\"not a list\"");
        b.driver.findElement(By.id("run:call")).click();
        assertTrue(b.waitFor(By.id("result-text")).getText().startsWith("Invalid arguments for tool count"));

        // An administrator of settings only: no right on invoices, in the console as over MCP.
        User settings = user("[2,3]");
        b.signIn(settings.login(), USER_PASSWORD);
        prepare(b, "search", "account.move");
        b.driver.findElement(By.id("run:call")).click();
        String refusal = b.waitFor(By.id("result-text")).getText();
        assertEquals("The call failed", b.driver.findElement(By.id("answer-verdict")).getText());
        b.screenshot("playground-denied");
        McpHttp.Reply reply = new ToolCalls(server(), settings.key()).call("search", "{\"model\":\"account.move\"}");
        JsonObject result = reply.json().getJsonObject("result");
        assertTrue(result.getBoolean("isError"), reply.body());
        assertEquals(result.getJsonArray("content").getJsonObject(0).getString("text"), refusal,
                "the same refusal as over MCP");

        List<String> audited = List.of();
        for (int attempt = 0; attempt < 50 && audited.isEmpty(); attempt++) {
            Thread.sleep(100);
            audited = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"login\",\"=\",\""
                    + settings.login() + "\"],[\"client_name\",\"=\",\"Bastion admin console\"]],"
                    + "\"fields\":[\"method\",\"target\",\"outcome\",\"model\"]}").getJsonArray("records").stream()
                    .map(JsonValue::asJsonObject).map(r -> r.getString("method") + " " + r.getString("target") + " "
                            + r.getString("outcome")).toList();
        }
        assertEquals(List.of("tools/call search denied"), audited, "audited like an MCP call, denial included");
    }
}
