package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18, finding 1: the work a request causes in the database is bounded. A query that would
 * never end ({@code test.slow}, a view of 10^15 rows) is stopped by the query timeout with a
 * readable error, and stopped at once, statement and all, when its client cancels the call
 * ({@code notifications/cancelled} in a session; closing the connection, 2026-07-28); the
 * connection it ran on serves the next call. Runs inside the server, which lets it look at what
 * the database is executing.
 */
@ExtendWith(ArquillianExtension.class)
class QueryCancelIT {

    private static final String ENDLESS_COUNT = "{\"name\":\"count\",\"arguments\":{\"model\":\"test.slow\","
            + "\"domain\":[[\"name\",\"like\",\"%zz%\"]]}}";

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.orm.slow")
                .addClasses(QueryCancelIT.class, McpHttp.class, DemoUsers.class)
                .addAsResource("db/extension/h2/V901__test_slow.sql")
                .addAsResource("db/extension/postgresql/V901__test_slow.sql");
    }

    @ArquillianResource
    URL base;

    @Inject
    DemoUsers demo;

    @Inject
    SettingsService settings;

    @Inject
    EntityManager em;

    @AfterEach
    void restoreTimeout() {
        settings.reset(SettingKey.QUERY_TIMEOUT, "QueryCancelIT");
    }

    @Test
    void theQueryTimeoutStopsAQueryThatWouldNeverEnd() throws Exception {
        settings.set(SettingKey.QUERY_TIMEOUT, "2s", "QueryCancelIT");
        McpHttp client = session();

        JsonObject result = result(client.request(1, "tools/call", json(ENDLESS_COUNT)));

        assertTrue(result.getBoolean("isError"), result.toString());
        String text = text(result);
        assertTrue(text.contains("bastion.query-timeout") && text.contains("nothing was changed"), text);
        assertFalse(executingEndlessQuery(), "the database no longer runs the stopped query");
        assertPartnersCounted(client);
    }

    @Test
    void aCancelledCallStopsItsRunningQuery() throws Exception {
        // Long enough that only the cancellation can end the call within the client's 60 s.
        settings.set(SettingKey.QUERY_TIMEOUT, "10m", "QueryCancelIT");
        McpHttp client = session();

        CompletableFuture<McpHttp.Reply> call = CompletableFuture.supplyAsync(() -> {
            try {
                return client.request(7, "tools/call", json(ENDLESS_COUNT));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitExecuting(true);
        McpHttp.Reply cancelled = client.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":7,\"reason\":\"the user pressed stop\"}}");
        assertEquals(202, cancelled.status(), cancelled.body());

        JsonObject result = result(call.get(60, TimeUnit.SECONDS));
        assertTrue(result.getBoolean("isError"), result.toString());
        assertTrue(text(result).contains("cancelled by the client"), text(result));
        awaitExecuting(false);
        assertPartnersCounted(client);
    }

    @Test
    void aStatelessClientThatGoesAwayStopsItsRunningQuery() throws Exception {
        settings.set(SettingKey.QUERY_TIMEOUT, "10m", "QueryCancelIT");
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\","
                + "\"arguments\":{\"model\":\"test.slow\",\"domain\":[[\"name\",\"like\",\"%zz%\"]]},"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // A raw connection, so that the test decides the moment the client goes away.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + demo.key("demo.manager") + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: count\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            awaitExecuting(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertEquals("HTTP/1.1 200 OK", status, "a call still running streams, so the server can tell the client is gone");
        }
        awaitExecuting(false);
    }

    private McpHttp session() throws Exception {
        McpHttp client = new McpHttp(URI.create(base.toString()).resolve("/mcp"), demo.key("demo.manager"));
        client.initialize("2025-11-25", JsonValue.EMPTY_JSON_OBJECT);
        return client;
    }

    /** The same session (and the pool's connections) still serve a real query. */
    private static void assertPartnersCounted(McpHttp client) throws Exception {
        JsonObject after = result(client.request(9, "tools/call",
                json("{\"name\":\"count\",\"arguments\":{\"model\":\"res.partner\"}}")));
        assertFalse(after.getBoolean("isError"), after.toString());
        assertTrue(after.getJsonObject("structuredContent").getInt("count") > 0, after.toString());
    }

    private void awaitExecuting(boolean expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (executingEndlessQuery() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(expected ? "the count never started" : "the database still runs the cancelled count");
            }
            Thread.sleep(100);
        }
    }

    /** Whether another session of this database is executing a query of {@code test_slow} now. */
    private boolean executingEndlessQuery() {
        Object count = em.createNativeQuery(isPostgres()
                ? "select count(*) from pg_stat_activity where datname = current_database() and state = 'active'"
                + " and pid <> pg_backend_pid() and query like '%test_slow%'"
                : "select count(*) from information_schema.sessions where session_id <> session_id()"
                + " and executing_statement like '%test_slow%'").getSingleResult();
        return ((Number) count).longValue() > 0;
    }

    private boolean isPostgres() {
        return ((Number) em.createNativeQuery("select count(*) from information_schema.schemata"
                + " where schema_name = 'pg_catalog'").getSingleResult()).longValue() > 0;
    }

    private static JsonObject result(McpHttp.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonObject message = reply.json();
        assertTrue(message.containsKey("result"), message.toString());
        return message.getJsonObject("result");
    }

    private static String text(JsonObject result) {
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }
}
