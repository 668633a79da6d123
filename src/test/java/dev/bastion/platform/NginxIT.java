package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.testing.ItDatabase;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.Nginx;
import dev.bastion.testing.PayaraMicroProcess;
import dev.bastion.testing.SseEvents;
import dev.bastion.testing.ToolCalls;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bastion behind Debian's nginx running the shipped {@code server-config/nginx/bastion.conf}
 * (only its upstream port and listen port changed): an event stream through nginx carries a
 * notification within a second of the change that caused it (nothing buffered), and the client
 * address Bastion acts on is the one from {@code X-Forwarded-For} only while nginx is a trusted
 * proxy, which the IP filter shows at once. Through a trusted proxy the Host may be a public name
 * although Bastion listens on loopback.
 */
class NginxIT {

    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final String VERSION = "2025-11-25";
    /** An address of TEST-NET-3 that no machine here has. */
    private static final String FORGED = "203.0.113.77";

    @Test
    void streamsPassUnbufferedAndForwardedAddressesCountOnlyFromATrustedProxy() throws Exception {
        assumeTrue(ItDatabase.isH2(), "the proxy is the subject, not the database: once, on the embedded one");
        assumeTrue(Files.isExecutable(Nginx.BINARY) || System.getenv("CI") != null, "Debian's nginx is not installed");
        String key = System.getProperty("it.admin.api-key");
        Path dataDir = Files.createDirectories(Path.of("target", "it-data", "nginx-" + System.nanoTime()));
        Map<String, String> env = Map.of("BASTION_DATA_DIR", dataDir.toAbsolutePath().toString(),
                "BASTION_ADMIN_API_KEY", key, "BASTION_RATE_LIMIT_PER_MINUTE", "0", "BASTION_DEMO_DATA", "false",
                "BASTION_TRUSTED_PROXIES", "127.0.0.1/32");
        try (PayaraMicroProcess server = PayaraMicroProcess.start(env, BOOT);
             Nginx nginx = Nginx.start(List.of(server.baseUri().getPort()))) {
            String client = externalAddress();
            URI front = URI.create("http://" + client + ":" + nginx.port() + "/");
            ToolCalls direct = new ToolCalls(server.baseUri(), key);

            // A session's GET stream, opened through nginx.
            McpHttp session = new McpHttp(front.resolve("/mcp"), key);
            session.initialize(VERSION, JsonValue.EMPTY_JSON_OBJECT);
            try (SseEvents stream = SseEvents.open(HttpRequest.newBuilder(front.resolve("/mcp"))
                    .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
                    .header("Mcp-Session-Id", session.sessionId()).header("MCP-Protocol-Version", VERSION)
                    .GET().build())) {
                assertEquals(200, stream.status(), "GET stream through nginx");
                long tool = direct.success("search", "{\"model\":\"mcp.tool\",\"domain\":[[\"name\",\"=\",\"count\"]],"
                        + "\"fields\":[\"id\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
                direct.success("write", "{\"model\":\"mcp.tool\",\"ids\":[" + tool + "],\"values\":{\"sequence\":77}}");
                long changed = System.nanoTime();
                JsonObject event = stream.next("notifications/tools/list_changed", Duration.ofSeconds(10));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
                assertNotNull(event, "list_changed reached the stream through nginx");
                System.out.printf("list_changed through nginx %d ms after the write answered%n", ms);
                assertTrue(ms < 1000, "nginx let the event through at once, not buffered: " + ms + " ms");
            }

            // This machine's address, as nginx sees it and forwards it: deny it.
            direct.success("set_setting", "{\"key\":\"bastion.ip-filter.cidrs\",\"value\":\"" + client + "/32,"
                    + FORGED + "/32\"}");
            direct.success("set_setting", "{\"key\":\"bastion.ip-filter.mode\",\"value\":\"deny\"}");
            assertEquals(403, new ToolCalls(front, key).call("count", "{\"model\":\"res.partner\"}").status(),
                    "nginx is trusted: Bastion acts on the address nginx forwards");
            assertEquals(200, direct.call("count", "{\"model\":\"res.partner\"}").status(), "loopback is not denied");

            // From loopback through nginx, naming another address in X-Forwarded-For: believed while
            // nginx is trusted (the hop nginx added is a trusted address too), ignored once it is not.
            ToolCalls local = new ToolCalls(URI.create("http://127.0.0.1:" + nginx.port() + "/"), key);
            assertEquals(403, local.call("count", "{\"model\":\"res.partner\"}", "X-Forwarded-For", FORGED).status(),
                    "a trusted proxy's X-Forwarded-For is believed");
            // (An empty value would fall back to BASTION_TRUSTED_PROXIES: trust another address instead.)
            direct.success("set_setting", "{\"key\":\"bastion.trusted-proxies\",\"value\":\"198.51.100.1/32\"}");
            McpHttp.Reply untrusted = local.call("count", "{\"model\":\"res.partner\"}", "X-Forwarded-For", FORGED);
            assertEquals(200, untrusted.status(), "an untrusted proxy's X-Forwarded-For is not believed: " + untrusted.body());
        }
    }

    /** A non-loopback IPv4 address of this machine, so that nginx sees a client other than itself. */
    private static String externalAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        throw new IllegalStateException("This machine has no non-loopback IPv4 address for the client side");
    }
}
