package dev.bastion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.McpHttp;
import dev.bastion.testing.ToolCalls;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Access screens and the console's security rules in a real browser, against the shipped WAR:
 * the issue's end-to-end flow (an administrator creates a user and issues their key on the page,
 * an MCP client works with it, hears of a tool renamed on the catalog page on its open stream,
 * loses a field the administrator restricts on its very next request, and the administrator finds
 * it all on the audit screen and verifies the chains), keys of all users revoked, record rules checked against their model before saving, a non-administrator kept out
 * of every administration page and to their own prompts and connections, the
 * Content-Security-Policy PrimeFaces runs under, session handling, POST-only changes, escaped
 * texts, and the per-IP lockout shared by the sign-in form and {@code /mcp}. One server and one
 * browser for the class.
 */
class AccessConsoleIT extends ConsoleFixture {

    /** Narrows the users table to {@code login} (the test database keeps the users of earlier runs). */
    private static void findUser(ConsoleBrowser b, String login) {
        b.waitFor(By.id("list:filter")).clear();
        b.driver.findElement(By.id("list:filter")).sendKeys(login);
        b.driver.findElement(By.id("list:search")).click();
        b.waitFor(By.xpath("//*[@id='list:users']//tr[td[normalize-space()='" + login + "']]"));
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

    /** The title of tool {@code name}, as the administrator reads it over MCP. */
    private String toolTitle(long id) throws Exception {
        return admin().success("read", "{\"model\":\"mcp.tool\",\"ids\":[" + id + "],\"fields\":[\"title\"],"
                + "\"context\":{\"active_test\":false}}").getJsonArray("records").getJsonObject(0).getString("title");
    }

    private long toolId(String name) throws Exception {
        return admin().success("search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"" + name + "\"]],"
                + "\"fields\":[\"id\"],\"context\":{\"active_test\":false}}").getJsonArray("records").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    /**
     * The issue's end-to-end flow, in one browser session: the administrator signs in, creates a
     * user and issues their key on the users page; that key works on {@code /mcp} with the official
     * Java SDK client, which keeps a GET stream open; the administrator renames a tool and the
     * client hears {@code tools/list_changed} (and lists the new title); restricts res.partner's
     * fields and the client can no longer read email; then finds the user's calls and the console's
     * actions on the audit screen and verifies the chains. A screenshot at each step.
     */
    @Test
    void anAdministratorSetsUpAUserWhoseClientFollowsEveryChangeAndFindsItAllInTheAuditTrail() throws Exception {
        long count = toolId("count");
        String originalTitle = toolTitle(count);
        dropOverride("res.partner");
        ConsoleBrowser b = signedInAdmin();
        b.screenshot("flow-1-signed-in");
        b.driver.findElement(By.id("menu-users")).click();
        String login = unique("flow.");
        b.waitFor(By.id("user:login")).sendKeys(login);
        b.driver.findElement(By.id("user:name")).sendKeys("Flow Console User");
        // The demo data names the companies; the first one offered will do.
        Select company = new Select(b.driver.findElement(By.id("user:company")));
        String companyName = company.getOptions().get(1).getText();
        company.selectByVisibleText(companyName);
        b.tick("user:companies", companyName);
        b.tick("user:groups", "User types / Internal User");
        b.tick("user:groups", "MCP / MCP User");
        b.driver.findElement(By.id("user:password")).sendKeys(USER_PASSWORD);
        b.screenshot("flow-2-new-user-form");
        b.driver.findElement(By.id("user:save")).click();
        b.waitForText(By.id("messages"), "User \"" + login + "\" created, with a password for the console.");
        findUser(b, login);
        assertTrue(b.rowText("list:users", login).contains("MCP / MCP User"), "listed with their groups");

        String keyName = unique("Assistant of ");
        b.waitFor(By.id("userkey:key-name")).sendKeys(keyName);
        b.driver.findElement(By.id("userkey:issue-key")).click();
        String key = b.waitFor(By.id("issued-key")).getText().strip();
        assertTrue(key.startsWith("bst_"), key);
        b.screenshot("flow-3-key-issued");

        String newTitle = unique("Count records (renamed ") + ")";
        BlockingQueue<List<McpSchema.Tool>> toolLists = new LinkedBlockingQueue<>();
        try (McpSyncClient client = mcpClient(key, "console-flow-it", toolLists::add)) {
            McpSchema.CallToolResult before = searchPartners(client, List.of("name", "email"));
            assertFalse(Boolean.TRUE.equals(before.isError()), "the new user's key works on /mcp: " + text(before));

            b.driver.findElement(By.id("menu-catalog")).click();
            b.waitFor(By.xpath("//tbody[@id='tools:list_data']//a[contains(@class,'tool-name')][normalize-space()='count']"))
                    .click();
            WebElement title = b.waitFor(By.id("tool:title"));
            title.clear();
            title.sendKeys(newTitle);
            b.driver.findElement(By.id("tool:save")).click();
            b.waitForText(By.id("messages"), "Tool \"count\" saved");
            b.screenshot("flow-4-tool-renamed");
            List<McpSchema.Tool> relisted = toolLists.poll(15, TimeUnit.SECONDS);
            assertNotNull(relisted, "the client's open stream brought tools/list_changed");
            assertEquals(newTitle, relisted.stream().filter(t -> t.name().equals("count")).findFirst().orElseThrow().title(),
                    "and the client lists the new title");

            b.driver.findElement(By.id("menu-overrides")).click();
            new Select(b.waitFor(By.id("override:model"))).selectByVisibleText("res.partner");
            b.waitFor(By.xpath("//label[starts-with(@for,'override:fields:') and normalize-space()='name']"));
            b.tick("override:fields", "name");
            b.tick("override:fields", "is_company");
            b.screenshot("flow-5-override-form");
            b.driver.findElement(By.id("override:save")).click();
            b.waitForText(By.id("messages"), "MCP override of res.partner saved");
            String listed = b.rowText("list:overrides", "res.partner");
            assertTrue(listed.contains("name") && listed.contains("is_company") && !listed.contains("every field"), listed);
            b.screenshot("flow-6-override-saved");

            McpSchema.CallToolResult after = searchPartners(client, List.of("name", "email"));
            assertTrue(Boolean.TRUE.equals(after.isError()), "email is no longer readable: " + text(after));
            assertTrue(text(after).contains("email"), "the refusal names the field: " + text(after));
            McpSchema.CallToolResult allowed = searchPartners(client, List.of("name"));
            assertFalse(Boolean.TRUE.equals(allowed.isError()), "the allowed field still reads: " + text(allowed));
        } finally {
            dropOverride("res.partner");
            admin().success("write", "{\"model\":\"mcp.tool\",\"ids\":[" + count + "],\"values\":"
                    + jakarta.json.Json.createObjectBuilder().add("title", originalTitle).build() + "}");
        }

        // The user's three searches, the refused one included, are in the trail (the writer stores them off the request path).
        assertEquals(3, auditEntries("[[\"login\",\"=\",\"" + login + "\"],[\"method\",\"=\",\"tools/call\"]]",
                "[\"outcome\"]", 3).size());
        b.driver.findElement(By.id("menu-audit")).click();
        b.waitFor(By.id("audit:login")).sendKeys(login);
        b.driver.findElement(By.id("audit:method")).sendKeys("tools/call");
        WebElement table = b.driver.findElement(By.id("audit:entries"));
        b.driver.findElement(By.id("audit:apply")).click();
        new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(table));
        List<String> rows = b.waitFor(By.id("audit:entries")).findElements(By.cssSelector("tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, rows.size(), "the user's calls, newest first: " + rows);
        assertTrue(rows.stream().allMatch(r -> r.contains(login) && r.contains("search") && r.contains("res.partner")), rows.toString());
        assertEquals(2, rows.stream().filter(r -> r.matches("(?s).*\\bok\\b.*")).count(), "two answered, one refused: " + rows);
        b.driver.findElements(By.cssSelector("#audit\\:entries tbody tr button.show-detail")).get(1).click();
        String params = b.waitFor(By.id("detail-params")).getText();
        assertTrue(params.contains("email"), "the refused call asked for email: " + params);
        b.screenshot("flow-7-audit-user-calls");
        b.driver.findElement(By.cssSelector("#audit\\:detail-dialog .ui-dialog-titlebar-close")).click();

        b.driver.findElement(By.id("audit:verify")).click();
        String verdict = b.waitFor(By.cssSelector(".verdict-intact")).getText();
        assertTrue(verdict.startsWith("Intact:"), verdict);
        b.screenshot("flow-8-audit-chain-verified");

        List<String> aboutTheUser = consoleActions(login, 2);
        assertTrue(aboutTheUser.contains("console/create_user ok") && aboutTheUser.contains("console/read_audit ok"),
                "creating the user and reading their entries are audited: " + aboutTheUser);
        List<JsonObject> passwordSet = auditEntries("[[\"method\",\"=\",\"console/set_password\"],[\"record_ids\","
                + "\"like\",\"[" + userId(login) + "]\"]]", "[\"outcome\",\"params\"]", 1);
        assertEquals(1, passwordSet.size(), "setting the password is audited: " + passwordSet);
        assertFalse(passwordSet.get(0).toString().contains(USER_PASSWORD), "without the password: " + passwordSet);
        assertEquals(List.of("console/issue_key ok"), consoleActions(keyName, 1));
        assertTrue(consoleActions(newTitle, 1).contains("console/edit_tool ok"), "the rename is audited");
        assertTrue(consoleActions("is_company", 1).contains("console/create_mcp_override ok"));
    }

    @Test
    void aUsersKeyIsListedAmongAllKeysAndRevokedThereAndAnArchivedUserSignsInNoMore() throws Exception {
        String login = internalUser("access.keys.");
        String key = issueKey(login);
        assertFalse(signIn(login, USER_PASSWORD, null).headers().firstValue("Location").orElse("failed").contains("failed"),
                "their password signs them in");
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-all-keys")).click();
        WebElement row = b.waitFor(By.xpath("//*[@id='list:keys']//tr[td[contains(normalize-space(),'" + key.substring(0, 12)
                + "')]]"));
        assertTrue(row.getText().contains("Console " + login) && row.getText().contains("Revoke"),
                "listed with its owner and prefix: " + row.getText());
        b.screenshot("access-keys-all-users");
        row.findElement(By.cssSelector("button.revoke")).click();
        b.confirm();
        b.waitForText(By.id("messages"), "revoked: it is refused from now on");
        assertEquals(401, new McpHttp(server().resolve("/mcp"), key).post("{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"ping\"}", "MCP-Protocol-Version", "2025-11-25").status(),
                "a key revoked on the page is refused on the very next request");

        b.driver.findElement(By.id("menu-users")).click();
        findUser(b, login);
        b.clickInRow("list:users", login, "archive");
        b.confirm();
        b.waitForText(By.id("messages"), "User \"" + login + "\" archived");
        assertTrue(signIn(login, USER_PASSWORD, null).headers().firstValue("Location").orElse("").contains("failed"),
                "an archived user cannot sign in any more");
    }

    @Test
    void theUsersTablePagesThroughTheEngineBeyondTheMaxRecordsSetting() throws Exception {
        String prefix = unique("paging.");
        for (int i = 0; i < 30; i++) {
            admin().success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + prefix + "." + (100 + i)
                    + "\",\"name\":\"Paging " + i + "\",\"company_id\":1,\"company_ids\":[[6,0,[1]]]}}");
        }
        admin().success("set_setting", "{\"key\":\"bastion.max-records\",\"value\":\"25\"}");
        try {
            ConsoleBrowser b = signedInAdmin();
            b.driver.findElement(By.id("menu-users")).click();
            b.waitFor(By.id("list:filter")).sendKeys(prefix);
            b.driver.findElement(By.id("list:search")).click();
            b.waitForText(By.id("list:users"), prefix + ".100");
            List<String> first = listedLogins(b);
            assertEquals(25, first.size(), "one page of 25: " + first);
            b.screenshot("access-users-paged");
            WebElement table = b.driver.findElement(By.id("list:users"));
            table.findElement(By.cssSelector(".ui-paginator-next")).click();
            b.waitForText(By.id("list:users"), prefix + ".129");
            List<String> second = listedLogins(b);
            assertEquals(List.of(prefix + ".125", prefix + ".126", prefix + ".127", prefix + ".128", prefix + ".129"), second,
                    "the next page is the next 5 of 30, which one search capped at 25 could not reach");
            b.driver.findElement(By.id("list:filter")).clear();
            b.driver.findElement(By.id("list:filter")).sendKeys(prefix + ".10");
            b.driver.findElement(By.id("list:search")).click();
            b.waitForText(By.id("list:users"), prefix + ".100");
            assertEquals(10, listedLogins(b).size(), "a new filter starts at its first page");
        } finally {
            admin().success("set_setting", "{\"key\":\"bastion.max-records\",\"value\":null}");
        }
    }

    private static List<String> listedLogins(ConsoleBrowser b) {
        return b.driver.findElements(By.cssSelector("#list\\:users tbody tr td:first-child")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    @Test
    void anAdministratorRegistersAnOAuthClientAndRevokesAUsersConnectionToIt() throws Exception {
        String clientId = unique("console-it-client-");
        String name = unique("Console IT assistant ");
        String redirect = "http://127.0.0.1:" + base.getPort() + "/health";
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-oauth-clients")).click();
        b.waitFor(By.id("client:client-id")).sendKeys(clientId);
        b.driver.findElement(By.id("client:name")).sendKeys(name);
        b.driver.findElement(By.id("client:redirect-uris")).sendKeys("http://assistant.example/callback");
        b.driver.findElement(By.id("client:save")).click();
        b.waitForText(By.id("messages"), "must be https, http on a loopback address");
        assertTrue(admin().success("search", "{\"model\":\"oauth.client\",\"domain\":[[\"client_id\",\"=\",\"" + clientId
                + "\"]]}").getJsonArray("records").isEmpty(), "a plain-HTTP redirect elsewhere than loopback is refused");
        b.screenshot("access-oauth-client-refused");
        WebElement uris = b.driver.findElement(By.id("client:redirect-uris"));
        uris.clear();
        uris.sendKeys(redirect);
        b.driver.findElement(By.id("client:save")).click();
        b.waitForText(By.id("messages"), "OAuth client \"" + name + "\" saved");
        assertTrue(b.rowText("list:clients", name).contains(clientId), "listed");
        b.screenshot("access-oauth-clients");

        // The administrator connects it as a user does: authorize, consent, code, token.
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String resource = "http://" + base.getHost() + ":" + base.getPort() + "/mcp";
        b.open("/oauth/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirect)
                + "&scope=" + enc("mcp:read") + "&state=console-it&code_challenge=" + challenge
                + "&code_challenge_method=S256&resource=" + enc(resource));
        b.waitFor(By.id("consent:allow")).click();
        new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(redirect + "?"));
        String code = b.driver.getCurrentUrl().replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server().resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(redirect) + "&client_id="
                                + enc(clientId) + "&code_verifier=" + verifier + "&resource=" + enc(resource))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = jakarta.json.Json.createReader(new java.io.StringReader(token.body())).readObject()
                .getString("access_token");
        ToolCalls connected = new ToolCalls(server(), accessToken);
        assertEquals(200, connected.call("count", "{\"model\":\"res.partner\"}").status(), "the connection works");

        b.open("/admin/access/oauth-grants.xhtml");
        b.waitFor(By.id("list:filter")).sendKeys(name);
        b.driver.findElement(By.id("list:search")).click();
        WebElement grant = b.row("list:grants", name);
        assertTrue(grant.getText().contains("Administrator") && grant.getText().contains("mcp:read"), grant.getText());
        b.screenshot("access-oauth-grants");
        grant.findElement(By.cssSelector("button.revoke")).click();
        b.confirm();
        b.waitForText(By.id("messages"), "revoked: its tokens are refused from now on");
        assertEquals(401, connected.call("count", "{\"model\":\"res.partner\"}").status(),
                "a connection revoked on the page is refused on the very next request");
        assertTrue(b.rowText("list:grants", name).contains("revoked"));
        assertTrue(consoleActions(clientId, 1).contains("console/create_oauth_client ok"));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
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
        b.submit(By.id("rule:save"));
        String message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("Unknown field 'nmae' on res.partner") && message.contains("did you mean 'name'"), message);
        b.screenshot("access-rules-bad-field");

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"name\",\"equals\",\"Acme\"]]");
        b.submit(By.id("rule:check"));
        message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("unknown operator \"equals\""), message);

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"parent_id.nope\",\"=\",{\"var\":\"user.id\"}]]");
        b.submit(By.id("rule:check"));
        message = b.waitFor(By.cssSelector("#rule .ui-message-error")).getText();
        assertTrue(message.contains("Unknown field 'nope' on res.partner"), "a dotted path is walked: " + message);
        assertEquals(0, admin().success("search", "{\"model\":\"ir.rule\",\"domain\":[[\"name\",\"=\",\"" + name
                + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").size(), "nothing saved");

        domain = b.driver.findElement(By.id("rule:domain"));
        domain.clear();
        domain.sendKeys("[[\"name\",\"=\",\"Acme\"]]");
        b.submit(By.id("rule:check"));
        assertTrue(b.waitFor(By.cssSelector("#rule .ui-message-info")).getText().contains("valid for res.partner"));
        // A group rule for a group nobody holds: saved and listed, without narrowing anyone's partners.
        b.tick("rule:groups", "Invoicing / Administrator");
        b.check("rule:active", false);
        b.submit(By.id("rule:save"));
        b.waitForText(By.id("messages"), "Record rule \"" + name + "\" saved");
        assertTrue(b.rowText("list:rules", name).contains("[[\"name\",\"=\",\"Acme\"]]"), "listed with its domain");
        b.screenshot("access-rules-saved");

        McpHttp.Reply overMcp = admin().call("create", "{\"model\":\"ir.rule\",\"values\":{\"name\":\"bad over MCP\","
                + "\"model\":\"res.partner\",\"domain_force\":\"[[\\\"nmae\\\",\\\"=\\\",1]]\"}}");
        assertTrue(overMcp.body().contains("Unknown field 'nmae' on res.partner"),
                "the engine applies the same check to every caller: " + overMcp.body());

        b.clickInRow("list:rules", name, "delete");
        b.confirm();
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
        b.tick("group:implied", "MCP / MCP User");
        b.driver.findElement(By.id("group:save")).click();
        b.waitForText(By.id("messages"), "Group \"Access IT / " + groupName + "\" saved.");
        assertTrue(b.rowText("list:groups", "Access IT / " + groupName).contains("MCP / MCP User"), "listed with what it inherits");
        b.screenshot("access-groups");

        long groupId = admin().success("search", "{\"model\":\"res.groups\",\"domain\":[[\"xml_id\",\"=\",\"access_it.rule_readers_"
                + suffix + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
        String login = internalUser("access.user.");
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
        b.clickInRow("list:rights", rightName, "delete");
        b.confirm();
        b.waitForText(By.id("messages"), "Access right \"" + rightName + "\" deleted.");
        assertTrue(user.call("search", readRules).body().contains("may not read records of ir.rule"),
                "a deleted right stops counting on the next request");
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

        String login = internalUser("access.user.");
        b.signIn(login, USER_PASSWORD);
        for (String id : List.of("menu-users", "menu-all-keys", "menu-groups", "menu-rights", "menu-rules", "menu-overrides",
                "menu-oauth-clients", "menu-oauth-grants")) {
            assertTrue(b.driver.findElements(By.id(id)).isEmpty(), id + " is not in their menu");
        }
        for (String page : List.of("/admin/access/users.xhtml", "/admin/access/keys.xhtml", "/admin/access/groups.xhtml",
                "/admin/access/rights.xhtml", "/admin/access/rules.xhtml", "/admin/access/overrides.xhtml",
                "/admin/access/oauth-clients.xhtml", "/admin/access/oauth-grants.xhtml", "/admin/access/", "/admin/settings", "/admin/settings.xhtml", "/admin/sessions", "/admin/sessions.xhtml",
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
        assertTrue(b.rowText("list:prompts", mine).contains("<script>alert(1)</script>"), "a typed title shows as text");
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
            b.clickInRow("list:sessions", "connections-it 1.0.0", "end");
            b.confirm();
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
                "/admin/access/overrides.xhtml", "/admin/access/oauth-clients.xhtml", "/admin/access/oauth-grants.xhtml",
                "/admin/account/keys.xhtml", "/admin/account/prompts.xhtml",
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
        assertTrue(b.rowText("list:users", login).contains("<img src=x onerror=alert(1)>"));
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
        String login = internalUser("access.user.");
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
