package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.ItDatabase;
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

/** Data written by one run of the server is there when it starts again. */
class RestartPersistenceIT {

    private static final Duration BOOT = Duration.ofMinutes(3);

    @Test
    void installationSurvivesRestartInDataDir() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "it-data", "restart-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(ItDatabase.environment(dataDir));
        // The installation id is a detail /health shows only when ops ask for it.
        env.put("BASTION_HEALTH_DETAILS", "true");

        String firstId;
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            firstId = installationId(server);
            assertNotNull(firstId, "a first start records the installation");
        }
        if (ItDatabase.isH2()) {
            assertTrue(Files.exists(dataDir.resolve("bastion.mv.db")),
                    "the H2 file lives under BASTION_DATA_DIR");
        }
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            assertEquals(firstId, installationId(server), "the restarted server found the same database");
            assertTrue(server.log().contains("Bastion is ready"), "the banner is printed");
        }
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
