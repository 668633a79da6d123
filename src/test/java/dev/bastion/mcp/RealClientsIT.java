package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import dev.bastion.testing.NodeClients;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients nobody here wrote: the official TypeScript SDK (Streamable HTTP, legacy HTTP+SSE and
 * its fallback between the two) and the official Java SDK, each listing and calling tools,
 * reading a resource, getting a prompt, receiving progress and a list_changed notification.
 */
@ExtendWith(ArquillianExtension.class)
class RealClientsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.mcp.fixture");
    }

    @ArquillianResource
    URL base;

    private String mcpUrl() {
        return "http://localhost:" + base.getPort() + "/mcp";
    }

    private void assertTypeScriptClientWorks(String mode) throws Exception {
        JsonObject report = NodeClients.run(mcpUrl(), mode, Map.of());
        assertFalse(report.containsKey("error"), () -> mode + ": " + report);
        assertEquals("bastion", report.getString("serverName"));
        assertTrue(report.getJsonArray("tools").getValuesAs(JsonString.class).stream()
                .anyMatch(t -> t.getString().equals("test_simple_text")));
        assertEquals("This is a simple text response for testing.", report.getString("simpleText"));
        // The server sends 0, 50, 100, then the result, in that order on one stream. The TypeScript
        // SDK handles a notification in a microtask but a response at once, and drops the progress
        // handler with the response: when the last notification and the result arrive in one chunk,
        // 100 is lost on the client's side (seen on the legacy stream). So 0 and 50 must arrive.
        List<Integer> progress = report.getJsonArray("progress").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::intValue).toList();
        assertTrue(progress.equals(List.of(0, 50, 100)) || progress.equals(List.of(0, 50)), progress.toString());
        assertEquals("This is the content of the static text resource.", report.getString("resourceText"));
        assertEquals("Prompt with arguments: arg1='a', arg2='b'", report.getString("promptText"));
        assertTrue(report.getBoolean("toolListChanged"), "tools/list_changed reached the client");
    }

    @Test
    void typeScriptSdkOverStreamableHttp() throws Exception {
        assertTypeScriptClientWorks("streamable");
    }

    @Test
    void typeScriptSdkOverLegacySse() throws Exception {
        assertTypeScriptClientWorks("sse");
    }

    @Test
    void typeScriptSdkFallbackPattern() throws Exception {
        assertTypeScriptClientWorks("fallback");
    }

    @Test
    void javaSdkOverStreamableHttp() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        CountDownLatch toolsChanged = new CountDownLatch(1);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + base.getPort()).endpoint("/mcp").build();
        try (McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("bastion-java-it", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(p -> progress.add(p.progress()))
                .toolsChangeConsumer(tools -> toolsChanged.countDown())
                .build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("bastion", init.serverInfo().name());

            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(names.contains("test_tool_with_progress"), names.toString());

            McpSchema.CallToolResult text = client.callTool(new McpSchema.CallToolRequest("test_simple_text", Map.of()));
            assertEquals("This is a simple text response for testing.",
                    ((McpSchema.TextContent) text.content().get(0)).text());

            client.callTool(new McpSchema.CallToolRequest("test_tool_with_progress", Map.of(),
                    Map.of("progressToken", "java-progress")));
            // The SDK hands notifications to the consumer on another thread: the last may still be on its way.
            for (int i = 0; i < 40 && progress.size() < 3; i++) {
                Thread.sleep(50);
            }
            assertEquals(List.of(0.0, 50.0, 100.0), progress);

            McpSchema.ReadResourceResult resource = client.readResource(new McpSchema.ReadResourceRequest("test://static-text"));
            assertEquals("This is the content of the static text resource.",
                    ((McpSchema.TextResourceContents) resource.contents().get(0)).text());

            McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("test_simple_prompt", Map.of()));
            assertEquals("This is a simple prompt for testing.",
                    ((McpSchema.TextContent) prompt.messages().get(0).content()).text());

            // The client opens its server-to-client stream in the background: announce the
            // change again until it arrives, so a change made before the stream opened is no failure.
            boolean heard = false;
            for (int attempt = 0; attempt < 5 && !heard; attempt++) {
                client.callTool(new McpSchema.CallToolRequest("test_trigger_tool_change", Map.of()));
                heard = toolsChanged.await(3, TimeUnit.SECONDS);
            }
            assertTrue(heard, "tools/list_changed reached the Java client");
        }
    }
}
