package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data written by one run of the server is there when it starts again, the audit entries it
 * still had queued when it was stopped included.
 */
class RestartPersistenceIT {

    private static final Duration BOOT = Duration.ofMinutes(3);

    @Test
    void installationSurvivesRestartInDataDir() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "it-data", "restart-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(ItDatabase.environment(dataDir));
        // The installation id is a detail /health shows only when ops ask for it.
        env.put("BASTION_HEALTH_DETAILS", "true");
        env.put("BASTION_ADMIN_API_KEY", System.getProperty("it.admin.api-key"));
        String agent = "restart-" + System.nanoTime();

        String firstId;
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            firstId = installationId(server);
            assertNotNull(firstId, "a first start records the installation");
            McpHttp client = new McpHttp(server.baseUri().resolve("mcp"), System.getProperty("it.admin.api-key"));
            for (int i = 0; i < AUDITED; i++) {
                assertEquals(200, client.post(statelessToolsList(i), "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list",
                        "User-Agent", agent).status());
            }
            // Stopped at once: the last entries are still in the writer's queue.
        }
        if (ItDatabase.isH2()) {
            assertTrue(Files.exists(dataDir.resolve("bastion.mv.db")),
                    "the H2 file lives under BASTION_DATA_DIR");
        }
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            assertEquals(firstId, installationId(server), "the restarted server found the same database");
            assertTrue(server.log().contains("Bastion is ready"), "the banner is printed");
            McpHttp admin = new McpHttp(server.baseUri().resolve("mcp"), System.getProperty("it.admin.api-key"));
            admin.initialize("2025-11-25", Json.createObjectBuilder().build());
            JsonObject counted = admin.request(1, "tools/call", Json.createObjectBuilder().add("name", "count")
                    .add("arguments", Json.createObjectBuilder().add("model", "mcp.audit.log").add("domain",
                            Json.createArrayBuilder().add(Json.createArrayBuilder().add("user_agent").add("=").add(agent))))
                    .build()).json().getJsonObject("result");
            assertEquals(AUDITED, counted.getJsonObject("structuredContent").getInt("count"),
                    "every request of the stopped run is in the audit: " + counted);
        }
    }

    private static final int AUDITED = 40;

    private static String statelessToolsList(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    private static String installationId(PayaraMicroProcess server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.baseUri().resolve("health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("database"))
                .map(c -> c.getJsonObject("data").getString("installation", null))
                .findFirst().orElse(null);
    }
}
