package dev.bastion.admin;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.ToolCalls;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every console browser test stands on: the shipped WAR deployed once per class, one
 * headless browser for the class (closed after it), the administrator's credentials, users made
 * over MCP as an administrator would, an MCP client of the official Java SDK, the audit trail
 * asked until the writer has stored what a test waits for, and plain HTTP as the signed-in user.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ConsoleFixture {

    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    static final String ADMIN_KEY = System.getProperty("it.admin.api-key");
    /** The password of every user a console test makes. */
    static final String USER_PASSWORD = "console-user-password";
    /** The groups of an internal user who may use MCP but administers nothing: Internal User, MCP User. */
    static final String INTERNAL = "[1,3]";

    private static ConsoleBrowser browser;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** The class's browser, opened at the first use. */
    ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
        }
        return browser;
    }

    /** The browser, signed in as the administrator. */
    ConsoleBrowser signedInAdmin() {
        ConsoleBrowser b = browser();
        b.signIn("admin", ADMIN_PASSWORD);
        return b;
    }

    URI server() {
        return URI.create(base.toString());
    }

    /** The administrator's tool calls over MCP, for preparing and checking what the pages did. */
    ToolCalls admin() {
        return new ToolCalls(server(), ADMIN_KEY);
    }

    /** A name no earlier run used: the test database outlives runs. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user in {@code groups} (ids, as a JSON array) with {@link #USER_PASSWORD}, made over MCP; their login. */
    String user(String prefix, String groups) throws Exception {
        String login = unique(prefix);
        long id = admin().success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                + "\",\"name\":\"Console " + login + "\",\"company_id\":1,\"company_ids\":[[6,0,[1]]],"
                + "\"groups_id\":[[6,0," + groups + "]]}}").getJsonArray("ids").getJsonNumber(0).longValue();
        admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_set_password\",\"ids\":[" + id
                + "],\"kwargs\":{\"password\":\"" + USER_PASSWORD + "\"}}");
        return login;
    }

    /** An internal user with a password, not in Settings: the console keeps them to their own account. */
    String internalUser(String prefix) throws Exception {
        return user(prefix, INTERNAL);
    }

    long userId(String login) throws Exception {
        return admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"" + login
                + "\"],[\"active\",\"in\",[true,false]]],\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    /** A new API key of {@code login}, issued by the administrator over MCP. */
    String issueKey(String login) throws Exception {
        return admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\",\"ids\":["
                + userId(login) + "],\"kwargs\":{\"name\":\"console test\"}}").getJsonObject("result").getString("key");
    }

    /** An MCP client of the official Java SDK, initialized over Streamable HTTP with {@code key}. */
    McpSyncClient mcpClient(String key, String name) {
        return mcpClient(key, name, tools -> { });
    }

    /** The same, told of every {@code notifications/tools/list_changed} (it then lists the tools again). */
    McpSyncClient mcpClient(String key, String name, Consumer<List<McpSchema.Tool>> toolsChanged) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + base.getPort()).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation(name, "1.0.0"))
                .toolsChangeConsumer(toolsChanged).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    /**
     * The audit entries matching {@code domain} (a JSON array), oldest first, with {@code fields}, once there
     * are {@code atLeast} of them or after ten seconds: the writer stores entries off the request path.
     */
    List<JsonObject> auditEntries(String domain, String fields, int atLeast) throws Exception {
        List<JsonObject> found = List.of();
        for (int attempt = 0; attempt < 100 && found.size() < atLeast; attempt++) {
            Thread.sleep(100);
            found = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":" + domain + ",\"fields\":"
                    + fields + ",\"order\":\"id\",\"limit\":1000}").getJsonArray("records").getValuesAs(JsonObject.class);
        }
        return found;
    }

    /** The console actions ({@code method outcome}) whose parameters mention {@code text}, oldest first. */
    List<String> consoleActions(String text, int atLeast) throws Exception {
        return auditEntries("[[\"method\",\"=like\",\"console/%\"],[\"params\",\"ilike\",\"" + text + "\"]]",
                "[\"method\",\"outcome\"]", atLeast).stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("method") + " " + r.getString("outcome")).toList();
    }

    /** A GET of {@code path} with the browser's session, redirects not followed. */
    HttpResponse<String> get(ConsoleBrowser b, String path) throws Exception {
        return get(server().resolve(path), b.sessionCookie());
    }

    static HttpResponse<String> get(URI uri, String cookie) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest.newBuilder(uri)
                .header("Cookie", "JSESSIONID=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
    }
}
