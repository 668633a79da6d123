package dev.bastion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.McpHttp;
import dev.bastion.testing.ToolCalls;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The first slice of the admin console in a real browser: sign-in, My account's API keys (issued
 * and shown once, working on {@code /mcp}, revoked and refused there), a non-administrator kept to
 * their own account (403 elsewhere), and the Connect page's snippets with this server's address
 * and a fresh key. One server and one browser for the whole class.
 */
class ConsoleIT extends ConsoleFixture {

    /** HTTP status of an MCP request made with {@code key}. */
    private int mcpStatus(String key) throws Exception {
        McpHttp client = new McpHttp(server().resolve("/mcp"), key);
        return client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"console-it\",\"version\":\"1\"}}}").status();
    }

    private static String rowText(ConsoleBrowser b, String keyName) {
        return b.driver.findElement(By.xpath("//tr[td[1][normalize-space()='" + keyName + "']]")).getText();
    }

    @Test
    void aKeyIssuedOnMyAccountIsShownOnceWorksOnMcpAndIsRefusedOnceRevoked() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.screenshot("home-admin");
        b.driver.findElement(By.id("menu-keys")).click();
        // The test database outlives runs: a name of this run's own finds this run's key.
        String name = "Selenium laptop " + UUID.randomUUID().toString().substring(0, 6);
        b.waitFor(By.id("issue:name")).sendKeys(name);
        b.driver.findElement(By.id("issue:issue-button")).click();

        String key = b.waitFor(By.id("issued-key")).getText().strip();
        assertTrue(key.startsWith("bst_") && key.length() > 40, key);
        assertTrue(rowText(b, name).contains(key.substring(0, 12)), "listed by its prefix");
        assertTrue(rowText(b, name).contains("never"), "never used yet, no expiry");
        b.screenshot("account-keys-issued");
        assertEquals(200, mcpStatus(key), "the key works on /mcp");

        b.open("/admin/account/keys.xhtml");
        b.waitFor(By.id("list:keys"));
        assertFalse(b.driver.getPageSource().contains(key), "the key is shown only once");
        assertTrue(b.driver.findElements(By.id("issued-key")).isEmpty());

        WebElement row = b.driver.findElement(By.xpath("//tr[td[1][normalize-space()='" + name + "']]"));
        row.findElement(By.cssSelector("button.revoke")).click();
        b.waitFor(By.cssSelector(".ui-confirmdialog-yes"));
        b.screenshot("account-keys-revoke-confirm");
        b.driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
        b.waitFor(By.xpath("//tr[td[1][normalize-space()='" + name + "']]//span[contains(@class,'status-revoked')]"));
        b.waitForText(By.id("messages"), "revoked: it is refused from now on");
        b.screenshot("account-keys-revoked");
        assertEquals(401, mcpStatus(key), "a revoked key is refused on the very next request");
        assertEquals(List.of("console/issue_key ok", "console/revoke_key ok"), consoleEntries(name),
                "issuing and revoking in the console are audited (the key itself is not kept)");
    }

    /** The audit entries of console actions whose parameters or records mention {@code text}, oldest first. */
    private List<String> consoleEntries(String name) throws Exception {
        ToolCalls admin = admin();
        long issuedId = admin.success("search", "{\"model\":\"res.users.apikeys\",\"domain\":[[\"name\",\"=\",\""
                + name + "\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getInt("id");
        List<String> found = List.of();
        for (int attempt = 0; attempt < 100 && found.size() < 2; attempt++) {
            Thread.sleep(100);
            // Console actions on API keys: another record with the same id (a user's) may be in the trail too.
            found = admin.success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"method\",\"=like\",\"console/%_key\"],"
                    + "[\"record_ids\",\"like\",\"[" + issuedId + "]\"]],\"fields\":[\"method\",\"outcome\",\"params\"],"
                    + "\"order\":\"id\"}").getJsonArray("records").stream().map(JsonValue::asJsonObject)
                    .peek(r -> assertFalse(String.valueOf(r.get("params")).contains("bst_"), "no key in the audit: " + r))
                    .map(r -> r.getString("method") + " " + r.getString("outcome")).toList();
        }
        return found;
    }

    @Test
    void aKeyNeedsANameAndTheRefusalIsShownNextToTheField() {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.open("/admin/account/keys.xhtml");
        b.waitFor(By.id("issue:issue-button")).click();
        assertTrue(b.waitFor(By.cssSelector(".ui-message-error")).getText().contains("Give the key a name"));
        assertTrue(b.driver.findElements(By.id("issued-key")).isEmpty(), "nothing issued");
    }

    @Test
    void anInternalUserWithAPasswordSeesOnlyTheirOwnAccountAndGets403OnAdminPages() throws Exception {
        ConsoleBrowser b = browser();
        String login = internalUser("console.");
        b.signIn(login, USER_PASSWORD);
        assertEquals(login, b.driver.findElement(By.id("signed-in-user")).getText());
        assertTrue(b.driver.findElements(By.id("menu-dashboard")).isEmpty(), "no administration in the menu");
        b.screenshot("home-internal-user");

        b.driver.findElement(By.id("menu-keys")).click();
        b.waitFor(By.id("list:keys"));
        assertTrue(b.driver.getPageSource().contains("You have no API keys yet"),
                "not the administrator's keys: only their own, and they have none");
        b.driver.findElement(By.id("issue:name")).sendKeys("My own client");
        b.driver.findElement(By.id("issue:issue-button")).click();
        String key = b.waitFor(By.id("issued-key")).getText().strip();
        assertEquals(200, mcpStatus(key), "their own key works on /mcp");
        assertEquals(1, b.driver.findElements(By.cssSelector("#list\\:keys tbody tr")).size(), "one key: theirs");
        b.screenshot("account-keys-internal-user");

        // Revoking is a write their rights now allow, but the rule "own keys" keeps it to theirs.
        ToolCalls admin = admin();
        long adminKey = admin.success("search", "{\"model\":\"res.users.apikeys\",\"domain\":[[\"key_prefix\",\"=\","
                + "\"bst_it-admin\"]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getInt("id");
        McpHttp.Reply refused = new ToolCalls(server(), key).call("method_call", "{\"model\":\"res.users.apikeys\","
                + "\"method\":\"action_revoke\",\"ids\":[" + adminKey + "]}");
        assertEquals(200, refused.status(), "authenticated: " + refused.body());
        assertEquals(null, ToolCalls.resultOf(refused), "another user's key is out of reach: " + refused.body());
        assertEquals(200, mcpStatus(ADMIN_KEY), "the administrator's key still works");
        b.driver.findElement(By.cssSelector("#list\\:keys button.revoke")).click();
        b.waitFor(By.cssSelector(".ui-confirmdialog-yes")).click();
        b.waitForText(By.id("messages"), "revoked: it is refused from now on");
        assertEquals(401, mcpStatus(key), "their own key, revoked with their own rights");

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String page : List.of("/admin/dashboard.xhtml", "/admin/settings.xhtml", "/admin/anything-later.xhtml")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server().resolve(page))
                    .header("Cookie", "JSESSIONID=" + b.sessionCookie()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode(), page + ": " + response.body());
            assertTrue(response.body().contains("for administrators"), response.body());
        }
        for (String page : List.of("/admin/", "/admin/account/keys.xhtml", "/admin/connect.xhtml")) {
            assertEquals(200, http.send(HttpRequest.newBuilder(server().resolve(page))
                    .header("Cookie", "JSESSIONID=" + b.sessionCookie()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode(), page);
        }
        b.open("/admin/dashboard.xhtml");
        b.screenshot("dashboard-403-internal-user");

        b.signIn("admin", ADMIN_PASSWORD);
        b.open("/admin/dashboard.xhtml");
        assertTrue(b.waitFor(By.id("figures")).getText().contains("Valid API keys"));
        b.screenshot("dashboard-admin");
    }

    @Test
    void connectShowsSnippetsWithThisServersUrlAndAFreshKeyShownOnce() throws Exception {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        b.driver.findElement(By.id("menu-connect")).click();
        String endpoint = server().resolve("/mcp").toString();
        assertEquals(endpoint, b.waitFor(By.id("endpoint")).getText());
        String claudeCode = b.driver.findElement(By.id("code-claude-code")).getText();
        assertTrue(claudeCode.contains(endpoint) && claudeCode.contains("<YOUR-API-KEY>"), claudeCode);
        b.screenshot("connect-before-key");

        b.driver.findElement(By.id("connect:issue-key")).click();
        b.waitFor(By.cssSelector(".issued-note"));
        claudeCode = b.driver.findElement(By.id("code-claude-code")).getText();
        String key = claudeCode.replaceAll("(?s).*Bearer (bst_[A-Za-z0-9_-]+).*", "$1");
        assertTrue(key.startsWith("bst_") && !key.equals(claudeCode), claudeCode);
        assertEquals("claude mcp add --transport http bastion " + endpoint + " \\ --header \"Authorization: Bearer "
                + key + "\"", claudeCode.replaceAll("\\s+", " "), "one command, continued over two lines");
        for (String client : List.of("plain", "claude-desktop", "cursor", "vscode", "codex", "windsurf", "cline", "inspector")) {
            String text = b.driver.findElement(By.id("code-" + client)).getText();
            assertTrue(text.contains(endpoint) && text.contains(key), client + ": " + text);
        }
        jakarta.json.JsonObject desktop = jakarta.json.Json.createReader(new java.io.StringReader(
                b.driver.findElement(By.id("code-claude-desktop")).getText())).readObject();
        assertEquals(JsonValue.ValueType.OBJECT, desktop.get("mcpServers").getValueType(), "valid JSON to paste");
        b.screenshot("connect-with-key");
        assertEquals(200, mcpStatus(key), "the filled-in key works");

        b.open("/admin/connect.xhtml");
        b.waitFor(By.id("endpoint"));
        assertFalse(b.driver.getPageSource().contains(key), "shown once");
    }

    /** Every console page an administrator opens (a tool's and a prompt's form included). */
    private static final List<String> PAGES = List.of("/admin/", "/admin/dashboard.xhtml", "/admin/catalog/tools.xhtml",
            "/admin/catalog/tool.xhtml?id=1", "/admin/catalog/resources.xhtml", "/admin/catalog/prompts.xhtml",
            "/admin/catalog/prompt.xhtml", "/admin/playground.xhtml", "/admin/audit.xhtml", "/admin/sessions.xhtml",
            "/admin/settings.xhtml", "/admin/access/users.xhtml", "/admin/access/keys.xhtml", "/admin/access/groups.xhtml",
            "/admin/access/rights.xhtml", "/admin/access/rules.xhtml", "/admin/access/overrides.xhtml",
            "/admin/access/oauth-clients.xhtml", "/admin/access/oauth-grants.xhtml", "/admin/account/keys.xhtml", "/admin/account/prompts.xhtml", "/admin/account/connections.xhtml",
            "/admin/connect.xhtml");

    /**
     * What sticks out of the window sideways: the page's width against the window's (without its
     * scroll bar), the outermost elements past the right edge, and the tables wider than their box.
     */
    private static final String OVERFLOW = """
            var w = document.documentElement.clientWidth, out = [];
            if (document.documentElement.scrollWidth > w) {
              document.querySelectorAll('body *').forEach(function (e) {
                var r = e.getBoundingClientRect();
                if (r.right > w + 1 && r.width > 0 && e.parentElement.getBoundingClientRect().right <= w + 1) {
                  out.push(e.tagName + '#' + e.id + '.' + String(e.className).slice(0, 40) + ' ends at ' + Math.round(r.right));
                }
              });
            }
            var tables = [];
            document.querySelectorAll('.ui-datatable-tablewrapper').forEach(function (t) {
              if (t.scrollWidth > t.clientWidth + 1) {
                tables.push(t.parentElement.id + ' is ' + t.scrollWidth + ' px wide in ' + t.clientWidth);
              }
            });
            return [String(document.documentElement.scrollWidth), String(w)].concat(out).concat(tables.length ? ['tables:'] : [])
                .concat(tables);
            """;

    @Test
    void everyPageFitsA1280x800WindowAndANarrowOneWithoutScrollingSideways() throws Exception {
        // The layout does not depend on the database or the server: checked once, in the H2 phase on Payara Micro.
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.layout", "true")), "layout checked in the H2 phase");
        ConsoleBrowser b = signedInAdmin();
        List<String> problems = new java.util.ArrayList<>();
        try {
            for (int[] window : new int[][] {{1280, 800}, {414, 896}}) {
                b.resize(window[0], window[1]);
                for (String page : PAGES) {
                    b.open(page);
                    // The page's heading: who is signed in is not shown on a narrow window.
                    b.waitFor(By.cssSelector(".console-main h1"));
                    @SuppressWarnings("unchecked")
                    List<String> found = (List<String>) ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(OVERFLOW);
                    boolean pageOverflows = Integer.parseInt(found.get(0)) > Integer.parseInt(found.get(1));
                    // Wide, a table fits its box; narrow, a table may scroll inside its box, the page never.
                    boolean tableOverflows = window[0] == 1280 && found.contains("tables:");
                    if (pageOverflows || tableOverflows) {
                        problems.add(window[0] + " px, " + page + ": " + found);
                    }
                    b.screenshot("layout-" + window[0] + "-" + page.substring("/admin/".length()).replaceAll("[^a-z]+", "-")
                            .replaceAll("-xhtml|-id-1|-$", "").replaceAll("^$", "home"));
                }
            }
        } finally {
            b.resize(1280, 800);
        }
        assertEquals(List.of(), problems, "nothing sticks out sideways");
    }
}
