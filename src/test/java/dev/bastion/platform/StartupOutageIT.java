package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.PayaraMicroProcess;
import dev.bastion.testing.TcpProxy;
import dev.bastion.testing.ToolCalls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
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
 * PostgreSQL is away while Bastion starts: Bastion reaches it through a TCP proxy this test cuts
 * before the server starts and restores later. The WAR deploys all the same (Bastion starts its
 * persistence unit itself, on first use, see {@code platform.ApplicationPersistence}); Bastion
 * stays not ready, refuses MCP requests with 503 and the JSON-RPC outage error, logs a line naming
 * the setting to check, retries the migration with growing pauses and serves as soon as the
 * database is back, without a restart.
 */
class StartupOutageIT {

    private static final Duration BOOT = Duration.ofMinutes(5);

    @Test
    void deployedWhileItsDatabaseIsAwayAndServesOnceItIsThere() throws Exception {
        assumeFalse(ItDatabase.isH2(), "the embedded database is there whenever Bastion is");
        String key = System.getProperty("it.admin.api-key");
        try (TcpProxy proxy = TcpProxy.start(ItDatabase.host(), ItDatabase.port())) {
            Path dataDir = Files.createDirectories(Path.of("target", "it-data", "startup-" + System.nanoTime()));
            Map<String, String> env = new HashMap<>(ItDatabase.environmentWithOwnSchema(dataDir, "startup_it",
                    "127.0.0.1", proxy.port()));
            env.put("BASTION_ADMIN_API_KEY", key);
            env.put("BASTION_RATE_LIMIT_PER_MINUTE", "0");
            env.put("BASTION_HEALTH_DETAILS", "true");
            proxy.cut();
            try (PayaraMicroProcess server = PayaraMicroProcess.launch(env)) {

                JsonObject check = databaseCheck(server);
                assertEquals("DOWN", check.getString("status"), "not ready without its database: " + check);
                assertNotNull(check.getJsonObject("data").getString("notReadyBecause", null), "says why: " + check);

                ToolCalls calls = new ToolCalls(server.baseUri(), key);
                McpHttp.Reply refused = calls.call("count", "{\"model\":\"res.partner\"}");
                assertEquals(503, refused.status(), "MCP is deployed and refuses for now: " + refused);
                assertEquals(ErrorCode.UNAVAILABLE, refused.errorCode(), refused.body());
                assertTrue(refused.json().getJsonObject("error").getString("message").contains("database"), refused.body());
                assertNotNull(refused.header("Retry-After"), refused.headers().toString());

                // A second failed attempt, after a longer pause than the first: the retries back off.
                server.awaitLog("tries again in 2 s", Duration.ofMinutes(1));
                String log = server.log();
                assertTrue(log.contains("BASTION_DATASOURCE_URL: "), "the log names the setting to check");
                assertTrue(log.contains("tries again in 1 s"), "the first retry comes quickly");

                proxy.restore();
                long restored = System.nanoTime();
                server.awaitReady(Duration.ofMinutes(1));
                System.out.printf("Ready %d ms after the database came back%n", (System.nanoTime() - restored) / 1_000_000);
                JsonObject counted = calls.success("count", "{\"model\":\"res.partner\"}");
                assertNotNull(counted, "a tool call works once the database is there");
                assertEquals("UP", databaseCheck(server).getString("status"));
            }
        }
    }

    /** The readiness check named "database", once the WAR is deployed (before, Payara answers for it). */
    private static JsonObject databaseCheck(PayaraMicroProcess server) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + BOOT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve("health/ready"))
                        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.body().contains("\"database\"")) {
                    JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
                    return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                            .filter(c -> "database".equals(c.getString("name"))).findFirst().orElseThrow();
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Bastion was not deployed within " + BOOT + " (last readiness answer: " + last + ")");
    }
}
