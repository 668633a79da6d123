package dev.bastion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.McpHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations screens in a real browser: Settings (validation next to the field, saved live,
 * reset, and switching a disabled {@code /mcp} on again while the console keeps working), Sessions
 * (an MCP client's session listed and ended: its id is gone for the client), the Audit trail
 * (filters, an entry's redacted parameters, export, chain verification) and the Dashboard's
 * charts; administrators only, each action an audit entry. One server and one browser for all.
 */
class OperationsConsoleIT extends ConsoleFixture {


    /** When this test began (one instance per test): the database keeps the entries of earlier runs. */
    private final String since = java.time.Instant.now().minusSeconds(1).toString();

    /** The status of a GET of {@code path} with the browser's session. */
    private int statusAs(ConsoleBrowser b, String path) throws Exception {
        return get(b, path).statusCode();
    }

    private int mcpStatus() throws Exception {
        return new McpHttp(server().resolve("/mcp"), ADMIN_KEY).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":"
                + "{\"name\":\"operations-it\",\"version\":\"1\"}}}").status();
    }

    /** The form of one setting on the settings page. */
    private static WebElement setting(ConsoleBrowser b, String key) {
        return b.waitFor(By.xpath("//form[.//div[@id='setting-" + key + "']]"));
    }

    /**
     * The outcomes of this test's audit entries of {@code method} whose params contain {@code text}
     * (any params when null), oldest first, once there are {@code atLeast} (the writer stores them off
     * the request path).
     */
    private List<String> outcomes(String method, String text, int atLeast) throws Exception {
        List<String> found = List.of();
        for (int attempt = 0; attempt < 100 && found.size() < atLeast; attempt++) {
            Thread.sleep(100);
            String params = text == null ? "" : ",[\"params\",\"like\",\"" + text + "\"]";
            found = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"method\",\"=\",\"" + method
                    + "\"],[\"create_date\",\">=\",\"" + since + "\"]" + params
                    + "],\"fields\":[\"outcome\"],\"order\":\"id\"}")
                    .getJsonArray("records").stream().map(r -> r.asJsonObject().getString("outcome")).toList();
        }
        return found;
    }

    /** Applies the audit screen's filters and waits for the table they bring. */
    private static void applyFilters(ConsoleBrowser b) {
        WebElement before = b.driver.findElement(By.id("audit:entries"));
        b.driver.findElement(By.id("audit:apply")).click();
        new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(before));
        b.waitFor(By.id("audit:entries"));
    }

    private JsonObject storedSetting(String key) throws Exception {
        return admin().success("get_settings", "{}").getJsonArray("settings").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("key").equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aSettingIsValidatedNextToItsFieldSavedLiveAndResetToItsDefault() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-settings")).click();
        String key = "bastion.mcp.page-size";
        WebElement form = setting(b, key);
        assertTrue(form.getText().contains("Items per page of the MCP list methods"), "its meaning: " + form.getText());
        JsonObject before = storedSetting(key);
        String defaultText = before.getString("default");
        assertTrue(form.findElement(By.cssSelector(".default-value")).getText().contains(defaultText));
        b.screenshot("settings");

        WebElement input = form.findElement(By.cssSelector("input[id$=':text']"));
        input.clear();
        input.sendKeys("a dozen");
        form.findElement(By.cssSelector("button.save")).click();
        String error = b.waitFor(By.xpath("//form[.//div[@id='setting-" + key + "']]//*[contains(@class,'setting-error')]"))
                .getText();
        form = setting(b, key);
        assertTrue(error.contains(key) && error.contains("expected a whole number"), error);
        assertEquals(before, storedSetting(key), "nothing stored");
        b.screenshot("settings-invalid-value");

        input = form.findElement(By.cssSelector("input[id$=':text']"));
        input.clear();
        input.sendKeys("37");
        form.findElement(By.cssSelector("button.save")).click();
        b.waitForText(By.id("messages"), key + " is now \"37\"");
        assertTrue(setting(b, key).findElements(By.cssSelector(".setting-error")).isEmpty(), "the error is gone");
        JsonObject stored = storedSetting(key);
        assertEquals("37", stored.getString("value"), "the same service as set_setting stored it");
        assertTrue(stored.getBoolean("overridden"));
        assertTrue(setting(b, key).getText().contains("stored: 37"));

        setting(b, key).findElement(By.cssSelector("button.reset")).click();
        b.waitForText(By.id("messages"), key + " is back to its default");
        stored = storedSetting(key);
        assertFalse(stored.getBoolean("overridden"));
        assertEquals(defaultText, stored.getString("value"));
        assertEquals(List.of("tool_error", "ok"), outcomes("console/set_setting", key, 2),
                "the refused and the saved value are both audited");
        assertEquals(List.of("ok"), outcomes("console/reset_setting", key, 1));
    }

    @Test
    void mcpSwitchedOffStaysManageableAndIsSwitchedOnAgainFromTheConsole() throws Exception {
        ConsoleBrowser b = signedInAdmin();
        b.open("/admin/settings.xhtml");
        String key = "bastion.server.enabled";
        try {
            WebElement form = setting(b, key);
            b.pick(form.findElement(By.cssSelector(".ui-selectonemenu")), "false");
            setting(b, key).findElement(By.cssSelector("button.save")).click();
            b.waitFor(By.cssSelector(".server-off"));
            assertEquals(503, mcpStatus(), "/mcp is off for every client");

            // The console does not go through that switch: its pages keep working.
            b.driver.findElement(By.id("menu-sessions")).click();
            b.waitFor(By.id("list:sessions"));
            b.open("/admin/dashboard.xhtml");
            b.waitFor(By.id("figures"));
            b.driver.findElement(By.id("menu-settings")).click();
            assertTrue(b.waitFor(By.cssSelector(".server-off")).getText().contains("MCP is switched off"));
            b.screenshot("settings-mcp-switched-off");

            b.driver.findElement(By.id("disabled:enable")).click();
            b.waitForText(By.id("messages"), key + " is now \"true\"");
            assertTrue(b.driver.findElements(By.cssSelector(".server-off")).isEmpty());
            assertEquals(200, mcpStatus(), "switched on again at once");
        } finally {
            if (mcpStatus() == 503) {
                b.open("/admin/settings.xhtml");
                b.waitFor(By.id("disabled:enable")).click();
            }
        }
        assertTrue(storedSetting(key).getBoolean("overridden"));
        setting(b, key).findElement(By.cssSelector("button.reset")).click();
        b.waitForText(By.id("messages"), key + " is back to its default");
        assertEquals(List.of("ok", "ok"), outcomes("console/set_setting", key, 2));
    }

    @Test
    void anEndedSessionIsGoneForItsClient() throws Exception {
        String clientName = "ops-client-" + UUID.randomUUID().toString().substring(0, 6);
        McpHttp client = new McpHttp(server().resolve("/mcp"), ADMIN_KEY);
        client.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT, clientName);
        assertEquals(200, client.request(2, "ping", null).status());

        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-sessions")).click();
        WebElement row = b.waitFor(By.xpath("//tr[td[3][contains(normalize-space(), '" + clientName + "')]]"));
        assertTrue(row.getText().contains("admin") && row.getText().contains("2025-11-25"), row.getText());
        assertEquals(client.sessionId(), row.findElement(By.cssSelector(".session-id")).getAttribute("title"));
        b.screenshot("sessions");

        row.findElement(By.cssSelector("button.end-session")).click();
        b.waitFor(By.cssSelector(".ui-confirmdialog-yes"));
        b.screenshot("sessions-end-confirm");
        b.driver.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
        b.waitForText(By.id("messages"), "ended");
        assertTrue(b.driver.findElements(By.xpath("//tr[td[3][contains(normalize-space(), '" + clientName + "')]]"))
                .isEmpty(), "no longer listed");

        assertEquals(404, client.request(3, "ping", null).status(), "the ended session's id is unknown to the server");
        assertEquals(List.of("ok"), outcomes("console/end_session", client.sessionId(), 1));
        assertTrue(admin().success("list_sessions", "{}").getJsonArray("sessions").stream()
                .noneMatch(s -> s.asJsonObject().getString("id").equals(client.sessionId())), "list_sessions agrees");
    }

    @Test
    void theAuditTrailIsFilteredShowsAnEntryRedactedExportsItsPeriodAndVerifiesTheChain() throws Exception {
        // A call with a key pasted into it, and a refused request: both must be found, the key never shown.
        String marker = "ops" + UUID.randomUUID().toString().substring(0, 6);
        String pasted = "bst_" + marker + "pastedkey0123456789";
        admin().success("count", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=\",\"" + pasted
                + "\"],[\"email\",\"=\",\"" + marker + "\"]]}");
        assertEquals(401, new McpHttp(server().resolve("/mcp"), "bst_wrong-" + marker + "-0123456789abcdefghij")
                .post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").status());
        assertEquals(List.of("ok"), outcomes("tools/call", marker, 1), "written, the key redacted");

        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-audit")).click();
        b.waitFor(By.id("audit:entries"));
        assertTrue(b.driver.findElement(By.cssSelector(".ui-paginator-current")).getText().matches(".* of \\d+.*"),
                "a count of the period: " + b.driver.findElement(By.cssSelector(".ui-paginator-current")).getText());
        b.driver.findElement(By.id("audit:login")).sendKeys("admin");
        b.driver.findElement(By.id("audit:target")).sendKeys("count");
        b.driver.findElement(By.id("audit:model")).sendKeys("res.partner");
        applyFilters(b);
        List<WebElement> rows = b.driver.findElements(By.cssSelector("#audit\\:entries tbody tr"));
        for (WebElement row : rows) {
            assertTrue(row.getText().contains("tools/call") && row.getText().contains("res.partner"), row.getText());
        }
        b.screenshot("audit-filtered");

        rows.get(0).findElement(By.cssSelector("button.show-detail")).click();
        String params = b.waitFor(By.id("detail-params")).getText();
        assertTrue(params.contains(marker) && params.contains("[redacted]") && !params.contains(pasted),
                "the newest count is this one, the pasted key redacted: " + params);
        assertTrue(b.driver.findElement(By.id("audit:detail")).getText().contains("hash"));
        b.screenshot("audit-entry-detail");
        b.driver.findElement(By.cssSelector("#audit\\:detail-dialog .ui-dialog-titlebar-close")).click();

        WebElement table = b.driver.findElement(By.id("audit:entries"));
        b.driver.findElement(By.id("audit:clear")).click();
        new WebDriverWait(b.driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(table));
        b.pick(b.waitFor(By.id("audit:outcome")), "unauthorized");
        applyFilters(b);
        List<WebElement> refused = b.driver.findElements(By.cssSelector("#audit\\:entries tbody tr"));
        assertFalse(refused.isEmpty() || refused.get(0).getText().contains("No entries"), "the refused request is listed");
        assertTrue(refused.stream().allMatch(r -> r.getText().contains("unauthorized") && r.getText().contains("401")));

        b.driver.findElement(By.id("audit:verify")).click();
        String verdict = b.waitFor(By.cssSelector(".verdict-intact")).getText();
        assertTrue(verdict.startsWith("Intact:") && verdict.contains("entries"), verdict);
        b.screenshot("audit-verified");

        String href = b.driver.findElement(By.id("export-csv")).getAttribute("href");
        assertTrue(href.contains("/admin/audit/export?from=") && href.contains("format=csv"), href);
        HttpResponse<String> csv = get(b, URI.create(href).getRawPath() + "?" + URI.create(href).getRawQuery());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("id,chain,seq,create_date"), csv.body().substring(0, 80));
        assertTrue(csv.body().contains(marker) && !csv.body().contains(pasted), "the period's entries, as stored");
        assertEquals(200, statusAs(b, URI.create(b.driver.findElement(By.id("export-jsonl")).getAttribute("href"))
                .getRawPath() + "?" + URI.create(b.driver.findElement(By.id("export-jsonl")).getAttribute("href")).getRawQuery()));

        assertFalse(outcomes("console/read_audit", "unauthorized", 1).isEmpty(), "reading the trail is audited");
        assertEquals(List.of("ok"), outcomes("console/verify_chain", null, 1).stream().distinct().toList());
    }

    @Test
    void theDashboardChartsTheAuditTrailForAChosenPeriod() throws Exception {
        admin().success("search", "{\"model\":\"res.partner\",\"domain\":[],\"limit\":1}");
        new McpHttp(server().resolve("/mcp"), "bst_wrong-dashboard-0123456789abcdefghij")
                .post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        outcomes("tools/call", "res.partner", 1);
        ConsoleBrowser b = signedInAdmin();
        b.driver.findElement(By.id("menu-dashboard")).click();
        b.waitFor(By.id("charts"));
        for (String chart : List.of("requests-chart", "duration-chart", "sessions-chart", "refusals-chart", "tools-chart")) {
            assertNotNull(b.waitFor(By.cssSelector("[id$='" + chart + "'] canvas")), chart);
        }
        assertTrue(b.driver.findElement(By.id("period-summary")).getText().contains("MCP requests in the last hour"));
        b.screenshot("dashboard-charts-hour");

        // The charts read totals the audit writer keeps: three more requests (one refused at the door)
        // count. Over the week, whose start moves by the hour, no older entry leaves the period meanwhile.
        long before = requestsOfTheWeek(b);
        admin().success("count", "{\"model\":\"res.partner\"}");
        admin().success("count", "{\"model\":\"res.partner\"}");
        new McpHttp(server().resolve("/mcp"), "bst_wrong-dashboard-0123456789abcdefghij")
                .post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        long after = before;
        for (int attempt = 0; attempt < 50 && after < before + 3; attempt++) {
            Thread.sleep(200);
            after = requestsOfTheWeek(b);
        }
        assertEquals(before + 3, after, "the week's requests grew by the three just made");
        b.driver.findElement(By.id("menu-dashboard")).click();
        b.driver.findElement(By.cssSelector("a.period-week")).click();
        b.waitForText(By.id("period-summary"), "last 7 days");
        assertNotNull(b.waitFor(By.cssSelector("[id$='tools-chart'] canvas")));
        b.screenshot("dashboard-charts-week");
    }

    /** The MCP requests of the last 7 days the dashboard counts, opened again. */
    private static long requestsOfTheWeek(ConsoleBrowser b) {
        b.open("/admin/dashboard.xhtml?period=week");
        return Long.parseLong(b.waitFor(By.cssSelector("#period-summary strong")).getText().strip());
    }

    @Test
    void onlyAdministratorsReachTheOperationsScreens() throws Exception {
        String login = internalUser("ops.");
        ConsoleBrowser b = browser();
        b.signIn(login, USER_PASSWORD);
        for (String item : List.of("menu-settings", "menu-sessions", "menu-audit", "menu-dashboard")) {
            assertTrue(b.driver.findElements(By.id(item)).isEmpty(), item + " not in their menu");
        }
        for (String page : List.of("/admin/settings.xhtml", "/admin/sessions.xhtml", "/admin/audit.xhtml",
                "/admin/dashboard.xhtml?period=week", "/admin/audit/export?from=2026-01-01&to=2026-01-02&format=csv")) {
            HttpResponse<String> response = get(b, page);
            assertEquals(403, response.statusCode(), page + ": " + response.body());
            assertFalse(response.body().contains("bastion."), page + " shows nothing of the screen");
        }
        b.open("/admin/settings.xhtml");
        b.screenshot("settings-403-internal-user");
    }
}
