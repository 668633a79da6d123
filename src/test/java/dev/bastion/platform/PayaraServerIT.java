package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The built WAR, unchanged, deployed to Payara Server 6 by {@code server-config/payara-server/configure.sh}
 * as an operator runs it (mvn verify -Ppayara-server: the profile has created, configured and
 * started the domain with the same script, so this second run also shows that it is idempotent):
 * ready, nothing public that should not be, and the official Java SDK listing and calling tools
 * over Streamable HTTP (2025-11-25) and the legacy HTTP+SSE transport (2024-11-05) with the API
 * key the script stored. The WAR is undeployed afterwards, so the Arquillian classes of the
 * profile can deploy theirs at the same context root.
 */
@EnabledIfSystemProperty(named = "payara.server.home", matches = ".+")
class PayaraServerIT {

    private static final String KEY = System.getProperty("it.admin.api-key");
    private static final URI ROOT = URI.create("http://localhost:" + System.getProperty("payara.server.http.port") + "/");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static String scriptOutput;

    /** Runs a command with the operator's environment; returns its output, failing on a non-zero exit. */
    private static String run(List<String> command, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PAYARA_HOME", System.getProperty("payara.server.home"));
        env.put("PAYARA_DOMAIN", System.getProperty("payara.server.domain"));
        env.put("PAYARA_PORTBASE", System.getProperty("payara.server.portbase"));
        env.put("PAYARA_HEAP", "1g");
        env.put("BASTION_DATASOURCE_URL", System.getProperty("it.datasource.url"));
        env.put("BASTION_DATASOURCE_CLASS", System.getProperty("it.datasource.class"));
        env.put("BASTION_DATASOURCE_USER", System.getProperty("it.datasource.user"));
        env.put("BASTION_DATASOURCE_PASSWORD", System.getProperty("it.datasource.password"));
        env.put("BASTION_ADMIN_API_KEY", KEY);
        env.put("BASTION_ADMIN_PASSWORD", System.getProperty("it.admin.password"));
        Process process = builder.start();
        // Read while it runs: a full pipe would block the script.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " still running after " + limit);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, process.exitValue(), () -> command + " failed:\n" + text);
        return text;
    }

    @BeforeAll
    static void deployWithTheOperatorScript() throws Exception {
        File war = Deployments.builtWar();
        scriptOutput = run(List.of("bash", System.getProperty("payara.server.script"), war.getAbsolutePath()),
                Duration.ofMinutes(15));
    }

    @AfterAll
    static void undeploy() throws Exception {
        run(List.of(System.getProperty("payara.server.home") + "/bin/asadmin", "--port",
                System.getProperty("payara.server.admin.port"), "undeploy", "bastion"), Duration.ofMinutes(5));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(ROOT.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theScriptDeploysTheWarReadyAndChangesNothingTheSecondTime() throws Exception {
        assertTrue(scriptOutput.contains("Bastion is ready at " + ROOT.resolve("/mcp")), scriptOutput);
        // The profile's run configured the domain: this one finds every setting in place.
        assertFalse(scriptOutput.contains("restarting domain"), scriptOutput);
        assertFalse(scriptOutput.contains("creating domain"), scriptOutput);

        HttpResponse<String> ready = get("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"database\",\"status\":\"UP\""), ready.body());
        assertTrue(get("/").body().contains("/mcp"), "Bastion's landing page at the context root");
    }

    @Test
    void nothingPublicThatShouldNotBe() throws Exception {
        for (String path : List.of("metrics", "openapi")) {
            int status = get(path).statusCode();
            assertTrue(status == 403 || status == 404, path + " is served to anyone: " + status);
        }
        HttpResponse<String> live = get("health/live");
        assertTrue(live.headers().firstValue("Server").isEmpty(), "Server header: " + live.headers().map());
        assertTrue(live.headers().firstValue("X-Powered-By").isEmpty(), "X-Powered-By header: " + live.headers().map());

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(ROOT.resolve("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    private static McpSyncClient client(McpClientTransport transport) {
        return McpClient.sync(transport).clientInfo(new McpSchema.Implementation("bastion-payara-server-it", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(60)).build();
    }

    private static HttpRequest.Builder withKey() {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + KEY);
    }

    /** Lists the tools and counts the companies (the admin sees every one: at least the first). */
    private static void listAndCall(McpSyncClient client) {
        List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(tools.containsAll(List.of("search", "count", "list_companies")), tools.toString());
        McpSchema.CallToolResult count = client.callTool(new McpSchema.CallToolRequest("count",
                Map.of("model", "res.company")));
        assertNotEquals(Boolean.TRUE, count.isError(), () -> count.content().toString());
        // The text block mirrors the structured result, which 2024-11-05 does not have.
        String text = ((McpSchema.TextContent) count.content().get(0)).text();
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            assertTrue(reader.readObject().getInt("count") >= 1, text);
        }
    }

    @Test
    void javaSdkListsAndCallsToolsOverStreamableHttp() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ROOT.toString())
                .endpoint("/mcp").requestBuilder(withKey()).build();
        try (McpSyncClient client = client(transport)) {
            assertEquals("2025-11-25", client.initialize().protocolVersion());
            listAndCall(client);
        }
    }

    @Test
    void javaSdkListsAndCallsToolsOverLegacySse() {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(ROOT.toString())
                .sseEndpoint("/mcp").requestBuilder(withKey()).build();
        try (McpSyncClient client = client(transport)) {
            assertEquals("2024-11-05", client.initialize().protocolVersion());
            listAndCall(client);
        }
    }
}
