package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.PayaraMicroProcess;
import dev.bastion.testing.ToolCalls;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A write Bastion answered is a write that survives: creates acknowledged over MCP, then
 * {@code kill -9} of the server while more writes are in flight, then a restart on the same data
 * (the embedded H2 file, or a PostgreSQL schema of this test's own): every acknowledged record is
 * there.
 */
class CrashDurabilityIT {

    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @Test
    void everyAcknowledgedCreateSurvivesKillNine() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "it-data", "crash-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(ItDatabase.isH2() ? ItDatabase.environment(dataDir)
                : ItDatabase.environmentWithOwnSchema(dataDir, "crash_it", ItDatabase.host(), ItDatabase.port()));
        String key = System.getProperty("it.admin.api-key");
        env.put("BASTION_ADMIN_API_KEY", key);
        env.put("BASTION_RATE_LIMIT_PER_MINUTE", "0");
        env.put("BASTION_HEALTH_DETAILS", "true");
        String tag = "crash-" + Long.toString(System.nanoTime(), 36);

        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            ToolCalls calls = new ToolCalls(server.baseUri(), key);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> write(calls, tag + "-" + writer, acknowledged, stop));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // At once, with writes in flight and the last answers only just sent.
            server.kill();
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(2, TimeUnit.MINUTES), "the writers end once the server is gone");
        }
        assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL, "the server acknowledged writes before the kill");

        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT)) {
            Set<Long> found = partnerIds(new ToolCalls(server.baseUri(), key), tag);
            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(found);
            assertEquals(Set.of(), lost, "acknowledged creates lost by kill -9 (of " + acknowledged.size() + ")");
        }
    }

    private static void write(ToolCalls calls, String prefix, Set<Long> acknowledged, AtomicBoolean stop) {
        for (int n = 0; !stop.get(); n++) {
            try {
                JsonObject created = ToolCalls.resultOf(calls.call("create",
                        "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + prefix + "-" + n + "\"}}"));
                if (created != null) {
                    created.getJsonArray("ids").getValuesAs(JsonNumber.class).forEach(id -> acknowledged.add(id.longValue()));
                }
            } catch (IOException serverGone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<Long> partnerIds(ToolCalls calls, String tag) throws Exception {
        Set<Long> ids = new TreeSet<>();
        int offset = 0;
        while (true) {
            JsonObject page = calls.success("search", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=like\",\""
                    + tag + "-%\"]],\"fields\":[\"name\"],\"limit\":200,\"offset\":" + offset + "}");
            List<JsonValue> records = page.getJsonArray("records");
            ids.addAll(records.stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue())
                    .collect(Collectors.toSet()));
            if (!page.getBoolean("more", false)) {
                return ids;
            }
            offset += records.size();
        }
    }
}
