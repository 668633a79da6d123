package dev.bastion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.ToolCalls;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Access screens and the console's security rules in a real browser, against the shipped WAR:
 * the end-to-end flow (an administrator creates a user, issues their key on the page, an MCP
 * client works with it, then loses a field the administrator restricts, on its very next
 * request), record rules checked against their model before saving, a non-administrator kept out
 * of every administration page and to their own prompts and connections, the
 * Content-Security-Policy PrimeFaces runs under, session handling, POST-only changes, escaped
 * texts, and the per-IP lockout shared by the sign-in form and {@code /mcp}. One server and one
 * browser for the class.
 */
@ExtendWith(ArquillianExtension.class)
class AccessConsoleIT {

    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    private static final String ADMIN_KEY = System.getProperty("it.admin.api-key");
    private static final String USER_PASSWORD = "access-user-password";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @ArquillianResource
    URL base;

    private static ConsoleBrowser browser;

    private ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
        }
        return browser;
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private URI server() {
        return URI.create(base.toString());
    }

    private ToolCalls admin() {
        return new ToolCalls(server(), ADMIN_KEY);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Ticks the checkbox of a PrimeFaces checkbox list by its label. */
    private static void tick(ConsoleBrowser b, String listId, String label) {
        b.driver.findElement(By.xpath("//label[starts-with(@for,'" + listId + ":') and normalize-space()='" + label + "']"))
                .click();
    }

    /** Ticks or unticks a single PrimeFaces checkbox so that it ends {@code on}. */
    private static void check(ConsoleBrowser b, String id, boolean on) {
        WebElement box = b.driver.findElement(By.id(id));
        boolean checked = box.findElement(By.cssSelector("input[type=checkbox]")).isSelected();
        if (checked != on) {
            box.findElement(By.cssSelector(".ui-chkbox-box")).click();
        }
    }

    /** Narrows the users table to {@code login} (the test database keeps the users of earlier runs). */
    private static void findUser(ConsoleBrowser b, String login) {
        b.waitFor(By.id("list:filter")).clear();
        b.driver.findElement(By.id("list:filter")).sendKeys(login);
        b.driver.findElement(By.id("list:search")).click();
        b.waitFor(By.xpath("//*[@id='list:users']//tr[td[normalize-space()='" + login + "']]"));
    }

    private static String rowText(ConsoleBrowser b, String tableId, String cellText) {
        return b.driver.findElement(By.xpath("//*[@id='" + tableId + "']//tr[td[normalize-space()='" + cellText + "']]"))
                .getText();
    }

    private static void clickInRow(ConsoleBrowser b, String tableId, String cellText, String buttonClass) {
        b.driver.findElement(By.xpath("//*[@id='" + tableId + "']//tr[td[normalize-space()='" + cellText + "']]"))
                .findElement(By.cssSelector("button." + buttonClass)).click();
    }

    private static void confirm(ConsoleBrowser b) {
        b.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
    }

    /** An MCP client from the official Java SDK, over Streamable HTTP with {@code key}. */
    private McpSyncClient mcpClient(String key, String name) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + base.getPort()).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation(name, "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult searchPartners(McpSyncClient client, List<String> fields) {
        return client.callTool(new McpSchema.CallToolRequest("search", Map.of("model", "res.partner", "domain", List.of(),
                "fields", fields, "limit", 3)));
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    /** Deletes the MCP override of {@code model}, if any, as the administrator over MCP. */
    private void dropOverride(String model) throws Exception {
        List<Long> ids = admin().success("search", "{\"model\":\"mcp.model.override\",\"domain\":[[\"model\",\"=\",\""
                + model + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").stream()
                .map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList();
        if (!ids.isEmpty()) {
            admin().success("unlink", "{\"model\":\"mcp.model.override\",\"ids\":" + ids + "}");
        }
    }

    /** The console actions in the audit trail whose parameters mention {@code text}, oldest first. */
    private List<String> consoleActions(String text, int expected) throws Exception {
        List<String> found = List.of();
        for (int attempt = 0; attempt < 100 && found.size() < expected; attempt++) {
            Thread.sleep(100);
            found = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"method\",\"=like\",\"console/%\"],"
                    + "[\"params\",\"ilike\",\"" + text + "\"]],\"fields\":[\"method\",\"outcome\"],\"order\":\"id\"}")
                    .getJsonArray("records").stream().map(JsonValue::asJsonObject)
                    .map(r -> r.getString("method") + " " + r.getString("outcome")).toList();
        }
        return found;
    }

    @Test
    void anAdministratorCreatesAUserIssuesTheirKeyAndRestrictsAModelsFieldsForTheConnectedClient() throws Exception {
        ConsoleBrowser b = browser();
        dropOverride("res.partner");
        b.signIn("admin", ADMIN_PASSWORD);
        b.driver.findElement(By.id("menu-users")).click();
        String login = unique("access.");
        b.waitFor(By.id("user:login")).sendKeys(login);
        b.driver.findElement(By.id("user:name")).sendKeys("Access Console User");
        // The demo data names the companies; the first one offered will do.
        Select company = new Select(b.driver.findElement(By.id("user:company")));
        String companyName = company.getOptions().get(1).getText();
        company.selectByVisibleText(companyName);
        tick(b, "user:companies", companyName);
        tick(b, "user:groups", "User types / Internal User");
        tick(b, "user:groups", "MCP / MCP User");
        b.driver.findElement(By.id("user:password")).sendKeys(USER_PASSWORD);
        b.screenshot("access-users-new");
        b.driver.findElement(By.id("user:save")).click();
        b.waitForText(By.id("messages"), "User \"" + login + "\" created, with a password for the console.");
        findUser(b, login);
        assertTrue(rowText(b, "list:users", login).contains("MCP / MCP User"), "listed with their groups");

        String keyName = unique("Assistant of ");
        b.waitFor(By.id("userkey:key-name")).sendKeys(keyName);
        b.driver.findElement(By.id("userkey:issue-key")).click();
        String key = b.waitFor(By.id("issued-key")).getText().strip();
        assertTrue(key.startsWith("bst_"), key);
        b.screenshot("access-users-key-issued");

        try (McpSyncClient client = mcpClient(key, "access-console-it")) {
            McpSchema.CallToolResult before = searchPartners(client, List.of("name", "email"));
            assertFalse(Boolean.TRUE.equals(before.isError()), "the new user's key works on /mcp: " + text(before));

            b.driver.findElement(By.id("menu-overrides")).click();
            new Select(b.waitFor(By.id("override:model"))).selectByVisibleText("res.partner");
            b.waitFor(By.xpath("//label[starts-with(@for,'override:fields:') and normalize-space()='name']"));
            tick(b, "override:fields", "name");
            tick(b, "override:fields", "is_company");
            b.screenshot("access-overrides-form");
            b.driver.findElement(By.id("override:save")).click();
            b.waitForText(By.id("messages"), "MCP override of res.partner saved");
            String listed = rowText(b, "list:overrides", "res.partner");
            assertTrue(listed.contains("name") && listed.contains("is_company") && !listed.contains("every field"), listed);
            b.screenshot("access-overrides-saved");

            McpSchema.CallToolResult after = searchPartners(client, List.of("name", "email"));
            assertTrue(Boolean.TRUE.equals(after.isError()), "email is no longer readable: " + text(after));
            assertTrue(text(after).contains("email"), "the refusal names the field: " + text(after));
            McpSchema.CallToolResult allowed = searchPartners(client, List.of("name"));
            assertFalse(Boolean.TRUE.equals(allowed.isError()), "the allowed field still reads: " + text(allowed));

            b.driver.findElement(By.id("menu-all-keys")).click();
            String keyRow = rowText(b, "list:keys", keyName);
            assertTrue(keyRow.contains("Access Console User") && keyRow.contains(key.substring(0, 12)) && keyRow.contains("Revoke"),
                    "listed with its owner and prefix: " + keyRow);
            b.screenshot("access-keys-all-users");
            clickInRow(b, "list:keys", keyName, "revoke");
            confirm(b);
            b.waitForText(By.id("messages"), "revoked: it is refused from now on");
            assertEquals(401, new McpHttp(server().resolve("/mcp"), key).post("{\"jsonrpc\":\"2.0\",\"id\":1,"
                    + "\"method\":\"ping\"}", "MCP-Protocol-Version", "2025-11-25").status(),
                    "a key revoked on the page is refused on the very next request");
        } finally {
            dropOverride("res.partner");
        }
        assertFalse(signIn(login, USER_PASSWORD, null).headers().firstValue("Location").orElse("failed").contains("failed"),
                "the password set on the page signs them in");
        b.driver.findElement(By.id("menu-users")).click();
        findUser(b, login);
        clickInRow(b, "list:users", login, "archive");
        confirm(b);
        b.waitForText(By.id("messages"), "User \"" + login + "\" archived");
        assertTrue(signIn(login, USER_PASSWORD, null).headers().firstValue("Location").orElse("").contains("failed"),
                "an archived user cannot sign in any more");

        assertEquals(List.of("console/create_user ok"), consoleActions(login, 1), "creating the user is audited");
        long userId = admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"" + login
                + "\"],[\"active\",\"=\",false]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        List<JsonObject> passwordSet = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"method\",\"=\","
                + "\"console/set_password\"],[\"record_ids\",\"like\",\"[" + userId + "]\"]],\"fields\":[\"outcome\",\"params\"]}")
                .getJsonArray("records").getValuesAs(JsonObject.class);
        assertEquals(1, passwordSet.size(), "setting the password is audited: " + passwordSet);
        assertFalse(passwordSet.get(0).toString().contains(USER_PASSWORD), "without the password: " + passwordSet);
        assertEquals(List.of("console/issue_key ok"), consoleActions(keyName, 1));
        assertTrue(consoleActions("is_company", 1).contains("console/create_mcp_override ok"));
    }

    @Test
    void aRecordRuleDomainIsCheckedAgainstItsModelBeforeItIsSaved() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.open("/admin/access/rules.xhtml");
        String name = unique("Only partners named Acme ");
        b.waitFor(By.id("rule:name")).sendKeys(name);
        new Select(b.driver.findElement(By.id("rule:model"))).selectByVisibleText("res.partner");
        WebElement domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"nmae\",\"=\",\"Acme\"]]");
        b.driver.findElement(By.id("rule:save")).click();
        String message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("Unknown field 'nmae' on res.partner") && message.contains("did you mean 'name'"), message);
        b.screenshot("access-rules-bad-field");

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"name\",\"equals\",\"Acme\"]]");
        b.driver.findElement(By.id("rule:check")).click();
        message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("unknown operator \"equals\""), message);

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"parent_id.nope\",\"=\",{\"var\":\"user.id\"}]]");
        b.driver.findElement(By.id("rule:check")).click();
        message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("Unknown field 'nope' on res.partner"), "a dotted path is walked: " + message);
        assertEquals(0, admin().success("search", "{\"model\":\"ir.rule\",\"domain\":[[\"name\",\"=\",\"" + name
                + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").size(), "nothing saved");

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"name\",\"=\",\"Acme\"]]");
        b.driver.findElement(By.id("rule:check")).click();
        assertTrue(b.waitFor(By.cssSelector("#rule .ui-message-info")).getText().contains("valid for res.partner"));
        // A group rule for a group nobody holds: saved and listed, without narrowing anyone's partners.
        tick(b, "rule:groups", "Invoicing / Administrator");
        check(b, "rule:active", false);
        b.driver.findElement(By.id("rule:save")).click();
        b.waitForText(By.id("messages"), "Record rule \"" + name + "\" saved");
        assertTrue(rowText(b, "list:rules", name).contains("[[\"name\",\"=\",\"Acme\"]]"), "listed with its domain");
        b.screenshot("access-rules-saved");

        McpHttp.Reply overMcp = admin().call("create", "{\"model\":\"ir.rule\",\"values\":{\"name\":\"bad over MCP\","
                + "\"model\":\"res.partner\",\"domain_force\":\"[[\\\"nmae\\\",\\\"=\\\",1]]\"}}");
        assertTrue(overMcp.body().contains("Unknown field 'nmae' on res.partner"),
                "the engine applies the same check to every caller: " + overMcp.body());

        clickInRow(b, "list:rules", name, "delete");
        confirm(b);
        b.waitForText(By.id("messages"), "Record rule \"" + name + "\" deleted.");
        assertEquals(0, admin().success("search", "{\"model\":\"ir.rule\",\"domain\":[[\"name\",\"=\",\"" + name
                + "\"],[\"active\",\"in\",[true,false]]],\"fields\":[\"id\"]}").getJsonArray("records").size());
    }

    @Test
    void aGroupAndAnAccessRightMadeOnThePagesGrantOnTheNextRequestAndStopWhenDeleted() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.driver.findElement(By.id("menu-groups")).click();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String groupName = "Rule readers " + suffix;
        b.waitFor(By.id("group:category")).sendKeys("Access IT");
        b.driver.findElement(By.id("group:name")).sendKeys(groupName);
        b.driver.findElement(By.id("group:xml-id")).sendKeys("access_it.rule_readers_" + suffix);
        tick(b, "group:implied", "MCP / MCP User");
        b.driver.findElement(By.id("group:save")).click();
        b.waitForText(By.id("messages"), "Group \"Access IT / " + groupName + "\" saved.");
        assertTrue(rowText(b, "list:groups", "Access IT / " + groupName).contains("MCP / MCP User"), "listed with what it inherits");
        b.screenshot("access-groups");

        long groupId = admin().success("search", "{\"model\":\"res.groups\",\"domain\":[[\"xml_id\",\"=\",\"access_it.rule_readers_"
                + suffix + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        String login = internalUser();
        long userId = admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"" + login
                + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        admin().success("write", "{\"model\":\"res.users\",\"ids\":[" + userId + "],\"values\":{\"groups_id\":[[4,"
                + groupId + "]]}}");
        ToolCalls user = new ToolCalls(server(), issueKey(login));
        String readRules = "{\"model\":\"ir.rule\",\"domain\":[],\"fields\":[\"name\"],\"limit\":1}";
        assertTrue(user.call("search", readRules).body().contains("may not read records of ir.rule"), "no right yet");

        b.driver.findElement(By.id("menu-rights")).click();
        String rightName = "access_ir_rule_readers_" + suffix;
        b.waitFor(By.id("right:name")).sendKeys(rightName);
        b.driver.findElement(By.id("right:save")).click();
        assertTrue(b.waitFor(By.id("messages")).getText().contains("Choose the model"), "no model chosen: "
                + b.driver.findElement(By.id("messages")).getText());
        new Select(b.driver.findElement(By.id("right:model"))).selectByVisibleText("ir.rule");
        new Select(b.driver.findElement(By.id("right:group"))).selectByVisibleText("Access IT / " + groupName);
        b.driver.findElement(By.id("right:save")).click();
        b.waitForText(By.id("messages"), "Access right \"" + rightName + "\" saved");
        assertTrue(ToolCalls.resultOf(user.call("search", readRules)) != null, "granted on the next request");

        b.driver.findElement(By.id("list:filter")).sendKeys("ir.rule");
        b.driver.findElement(By.id("list:search")).click();
        b.waitFor(By.xpath("//*[@id='list:rights']//tr[td[normalize-space()='" + rightName + "']]"));
        b.screenshot("access-rights-saved");
        clickInRow(b, "list:rights", rightName, "delete");
        confirm(b);
        b.waitForText(By.id("messages"), "Access right \"" + rightName + "\" deleted.");
        assertTrue(user.call("search", readRules).body().contains("may not read records of ir.rule"),
                "a deleted right stops counting on the next request");
    }

    /** A user with a password in Internal User and MCP User (not Settings), created over MCP. */
    private String internalUser() throws Exception {
        String login = unique("access.user.");
        long id = admin().success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                + "\",\"name\":\"Access Internal\",\"company_id\":1,\"company_ids\":[[6,0,[1]]],"
                + "\"groups_id\":[[6,0,[1,3]]]}}").getJsonArray("ids").getJsonNumber(0).longValue();
        admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_set_password\",\"ids\":[" + id
                + "],\"kwargs\":{\"password\":\"" + USER_PASSWORD + "\"}}");
        return login;
    }

    private String issueKey(String login) throws Exception {
        long id = admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"" + login
                + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        return admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\",\"ids\":["
                + id + "],\"kwargs\":{\"name\":\"connections\"}}").getJsonObject("result").getString("key");
    }

    /** A GET of {@code path} exactly as written; the status line and the whole response. */
    private String[] rawGet(String path, String cookie) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nCookie: JSESSIONID=" + cookie + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {response.lines().findFirst().orElse(""), response};
        }
    }

    private static HttpResponse<String> get(URI uri, String cookie) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest.newBuilder(uri)
                .header("Cookie", "JSESSIONID=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNonAdministratorGets403OnEveryAdministrationPageAndSeesOnlyTheirOwnPromptsAndConnections() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.open("/admin/account/prompts.xhtml");
        String adminPrompt = unique("admin_prompt_");
        b.waitFor(By.id("prompt:name")).sendKeys(adminPrompt);
        b.driver.findElement(By.id("prompt:template")).sendKeys("Only for the administrator.");
        b.driver.findElement(By.id("prompt:save")).click();
        b.waitForText(By.id("messages"), "Prompt \"" + adminPrompt + "\" saved");

        String login = internalUser();
        b.signIn(login, USER_PASSWORD);
        for (String id : List.of("menu-users", "menu-all-keys", "menu-groups", "menu-rights", "menu-rules", "menu-overrides")) {
            assertTrue(b.driver.findElements(By.id(id)).isEmpty(), id + " is not in their menu");
        }
        for (String page : List.of("/admin/access/users.xhtml", "/admin/access/keys.xhtml", "/admin/access/groups.xhtml",
                "/admin/access/rights.xhtml", "/admin/access/rules.xhtml", "/admin/access/overrides.xhtml",
                "/admin/access/", "/admin/settings", "/admin/settings.xhtml", "/admin/sessions", "/admin/sessions.xhtml",
                "/admin/audit", "/admin/audit.xhtml", "/admin/audit/entries.xhtml", "/admin/catalog", "/admin/catalog.xhtml",
                "/admin/catalog/tools.xhtml", "/admin/playground", "/admin/playground.xhtml", "/admin/dashboard.xhtml",
                "/admin/ACCESS/users.xhtml", "/ADMIN/access/users.xhtml", "/admin/account/../access/users.xhtml", "/admin/account/..%2Faccess/users.xhtml",
                "/admin/account/%2e%2e/access/users.xhtml", "/admin/account;x=1/../access/users.xhtml",
                "/admin/account/keys.xhtml/../../access/users.xhtml")) {
            // Sent as written, not normalised by an HTTP client: the mechanism must judge the path the server serves.
            String[] response = rawGet(page, b.sessionCookie());
            if (response[0].matches("HTTP/1\\.1 30[12].*")) {
                // A folder: the server first adds its slash, and the folder itself is refused.
                String location = response[1].lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                        .orElseThrow().substring(9).strip();
                assertTrue(location.endsWith(page + "/"), page + " redirects to " + location);
                response = rawGet(page + "/", b.sessionCookie());
            }
            assertTrue(response[0].matches("HTTP/1\\.1 (403|400|404).*"), page + " is closed to them: " + response[0]);
            assertFalse(response[1].contains("console-menu"), page + " renders no console page");
        }
        assertEquals(403, get(server().resolve("/admin/access/users.xhtml"), b.sessionCookie()).statusCode());
        b.open("/admin/access/users.xhtml");
        b.screenshot("access-users-403-internal-user");

        b.open("/admin/account/prompts.xhtml");
        assertTrue(b.waitFor(By.id("list:prompts")).getText().contains("You have no personal prompts yet"),
                "not the administrator's prompt");
        assertFalse(b.driver.getPageSource().contains(adminPrompt));
        String mine = unique("my_prompt_");
        b.driver.findElement(By.id("prompt:name")).sendKeys(mine);
        b.driver.findElement(By.id("prompt:title")).sendKeys("<script>alert(1)</script>");
        b.driver.findElement(By.id("prompt:template")).sendKeys("Summarise the week of {user}.");
        b.driver.findElement(By.id("prompt:save")).click();
        b.waitForText(By.id("messages"), "Prompt \"" + mine + "\" saved");
        assertTrue(rowText(b, "list:prompts", mine).contains("<script>alert(1)</script>"), "a typed title shows as text");
        assertTrue(b.driver.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped in the page");
        b.screenshot("account-prompts-internal-user");

        String key = issueKey(login);
        try (McpSyncClient client = mcpClient(key, "connections-it")) {
            List<String> prompts = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
            assertTrue(prompts.contains(mine) && !prompts.contains(adminPrompt), "their client lists theirs only: " + prompts);
            b.driver.findElement(By.id("menu-connections")).click();
            String row = b.waitFor(By.xpath("//*[@id='list:sessions']//tr[td[normalize-space()='connections-it 1.0.0']]")).getText();
            assertTrue(row.contains("2025-") || row.contains("2026-"), "the session with its protocol: " + row);
            assertEquals(1, b.driver.findElements(By.cssSelector("#list\\:sessions tbody tr button.end")).size(),
                    "only their own session, not the administrator's");
            b.screenshot("account-connections");
            clickInRow(b, "list:sessions", "connections-it 1.0.0", "end");
            confirm(b);
            b.waitForText(By.id("messages"), "ended: the client has to connect again");
            assertTrue(b.driver.findElement(By.id("list:sessions")).getText().contains("None of your clients is connected"));
        }
    }

    @Test
    void consolePagesRunUnderAContentSecurityPolicyAndChangeNothingWithoutAFacesPost() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.consoleErrors();
        for (String page : List.of("/admin/", "/admin/access/users.xhtml", "/admin/access/keys.xhtml",
                "/admin/access/groups.xhtml", "/admin/access/rights.xhtml", "/admin/access/rules.xhtml",
                "/admin/access/overrides.xhtml", "/admin/account/keys.xhtml", "/admin/account/prompts.xhtml",
                "/admin/account/connections.xhtml", "/admin/connect.xhtml")) {
            b.open(page);
            b.waitFor(By.id("signed-in-user"));
        }
        // PrimeFaces' own scripts ran (a widget opened), and the browser blocked nothing.
        b.open("/admin/access/rights.xhtml");
        b.waitFor(By.cssSelector("#list\\:rights tbody tr button.delete")).click();
        b.waitFor(By.cssSelector(".ui-confirmdialog-no")).click();
        b.screenshot("access-rights");
        List<String> errors = b.consoleErrors();
        assertTrue(errors.isEmpty(), "no script refused or failing: " + errors);

        HttpResponse<String> page = get(server().resolve("/admin/access/users.xhtml"), b.sessionCookie());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.matches(".*script-src 'self' 'nonce-[^']+'.*") && !policy.contains("unsafe-inline' 'nonce")
                && !policy.replaceAll(".*script-src", "").contains("unsafe"), "scripts by nonce only: " + policy);
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), policy);
        assertEquals(1, page.headers().allValues("Content-Security-Policy").size(), "one policy");
        String nonce = policy.replaceAll(".*'nonce-([^']+)'.*", "$1");
        assertFalse(page.body().contains(" onclick=\""), "no inline event handler");
        assertTrue(page.body().contains("nonce=\"" + nonce + "\""), "PrimeFaces' scripts carry the nonce");
        HttpResponse<String> signInPage = get(server().resolve("/admin/login.html"), "none");
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
                signInPage.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("DENY", signInPage.headers().firstValue("X-Frame-Options").orElse(null));

        // A change needs the page's view state: a forged POST with the form's fields creates nothing.
        String forged = unique("forged.");
        String form = "user=user&user%3Alogin=" + forged + "&user%3Aname=Forged&user%3Asave=&jakarta.faces.ViewState="
                + URLEncoder.encode("-123:456", StandardCharsets.UTF_8);
        HttpResponse<String> post = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(server().resolve("/admin/access/users.xhtml"))
                        .header("Cookie", "JSESSIONID=" + b.sessionCookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(post.body().contains("Exception") || post.body().contains("at dev.bastion"), "no stack trace: " + post.body());
        assertEquals(0, admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"" + forged
                + "\"],[\"active\",\"in\",[true,false]]],\"fields\":[\"id\"]}").getJsonArray("records").size(),
                "no user created without a genuine view state");

        // A user name typed as markup shows as text on every page that lists it.
        String login = unique("xss.");
        admin().success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                + "\",\"name\":\"<img src=x onerror=alert(1)>\",\"company_id\":1,\"company_ids\":[[6,0,[1]]],"
                + "\"groups_id\":[[6,0,[3]]]}}");
        b.open("/admin/access/users.xhtml");
        findUser(b, login);
        assertTrue(rowText(b, "list:users", login).contains("<img src=x onerror=alert(1)>"));
        assertTrue(b.driver.findElements(By.cssSelector("#list\\:users img")).isEmpty(), "no element made of it");
    }

    /** Signs in over plain HTTP; the session cookie set, or null when refused. */
    private HttpResponse<String> signIn(String login, String password, String cookie, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server().resolve("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
        if (cookie != null) {
            request.header("Cookie", "JSESSIONID=" + cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionOf(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length(), c.indexOf(';'))).findFirst().orElse(null);
    }

    @Test
    void signInIssuesAFreshSessionWithSafeCookiesAndSignOutEndsIt() throws Exception {
        String login = internalUser();
        HttpResponse<String> first = signIn(login, USER_PASSWORD, null);
        String before = sessionOf(first);
        assertNotNull(before, first.headers().toString());
        String cookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=strict"), cookie);
        assertEquals(200, get(server().resolve("/admin/account/keys.xhtml"), before).statusCode());

        HttpResponse<String> again = signIn("admin", ADMIN_PASSWORD, before);
        String after = sessionOf(again);
        assertNotNull(after, "a new session id at sign-in");
        assertNotEquals(before, after);
        assertEquals(302, get(server().resolve("/admin/account/keys.xhtml"), before).statusCode(),
                "the session id from before the sign-in is worth nothing now");
        assertEquals(200, get(server().resolve("/admin/access/users.xhtml"), after).statusCode());

        get(server().resolve("/admin/logout"), after);
        HttpResponse<String> signedOut = get(server().resolve("/admin/access/users.xhtml"), after);
        assertEquals(302, signedOut.statusCode());
        assertTrue(signedOut.headers().firstValue("Location").orElse("").endsWith("/admin/login.html"));
    }

    @Test
    void wrongPasswordsLockTheAddressOutOfTheSignInFormAndOfMcp() throws Exception {
        String address = "198.51.100." + (10 + (int) (Math.random() * 200));
        ToolCalls admin = admin();
        admin.success("set_setting", "{\"key\":\"bastion.trusted-proxies\",\"value\":\"0.0.0.0/0, ::/0\"}");
        admin.success("set_setting", "{\"key\":\"bastion.lockout.threshold\",\"value\":\"3\"}");
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> wrong = signIn("admin", "not-the-password-" + i, null, "X-Forwarded-For", address);
                assertEquals(302, wrong.statusCode());
                assertTrue(wrong.headers().firstValue("Location").orElse("").contains("failed"));
            }
            HttpResponse<String> locked = signIn("admin", ADMIN_PASSWORD, null, "X-Forwarded-For", address);
            assertEquals(429, locked.statusCode(), "the right password is refused too, from that address: " + locked.body());
            assertNotNull(locked.headers().firstValue("Retry-After").orElse(null));
            assertEquals(429, new McpHttp(server().resolve("/mcp"), ADMIN_KEY).post("{\"jsonrpc\":\"2.0\",\"id\":1,"
                    + "\"method\":\"ping\"}", "X-Forwarded-For", address, "MCP-Protocol-Version", "2025-11-25").status(),
                    "the same lockout holds for /mcp");
            assertEquals(302, signIn("admin", ADMIN_PASSWORD, null, "X-Forwarded-For", "198.51.100.250").statusCode(),
                    "another address signs in");
        } finally {
            admin.success("set_setting", "{\"key\":\"bastion.lockout.threshold\",\"value\":null}");
            admin.success("set_setting", "{\"key\":\"bastion.trusted-proxies\",\"value\":null}");
        }
    }
}
