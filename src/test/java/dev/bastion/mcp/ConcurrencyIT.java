package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.audit.AuditWriter;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import dev.bastion.testing.DemoUsers;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.ModelCounts;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 50 clients at once (issue 18, finding 10), with the rate limit off: twenty share one key of
 * the demo manager, ten have a key each, twenty read as the salespeople and the accountant (a
 * key shared per user); half speak stateless 2026-07-28, half hold a 2025-11-25 session. The
 * writers each create, change, read, send, cancel and delete their own quotation of a partner
 * they created (the administrator deletes the partners afterwards), so every call would succeed alone: under concurrency too, none may fail, and afterwards every
 * model has the rows it had before.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    private static final String V2026 = "2026-07-28";
    private static final int WRITERS_SHARED_KEY = 20;
    private static final int WRITERS_OWN_KEY = 10;
    private static final int READERS = 20;
    private static final int WRITER_ROUNDS = 6;
    private static final int READER_ROUNDS = 8;

    @Deployment
    static WebArchive deployment() {
        return Deployments.shippedWar().addClasses(ConcurrencyIT.class, McpHttp.class, DemoUsers.class, ModelCounts.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    DemoUsers demo;

    @Inject
    ModelCounts counts;

    @Inject
    SettingsService settings;

    @Inject
    AuditWriter audit;

    private final AtomicLong calls = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> createdPartners = Collections.synchronizedList(new ArrayList<>());

    /** One client: a key and a wire (stateless or a session of its own). */
    private final class Client {
        private final String name;
        private final McpHttp session;
        /** One HTTP client per simulated client, as a real one keeps its connections. */
        private final McpHttp stateless;
        private int nextId = 1;

        Client(String name, String key, boolean stateful) throws Exception {
            this.name = name;
            if (stateful) {
                session = new McpHttp(URI.create(base.toString()).resolve("/mcp"), key);
                try {
                    session.initialize("2025-11-25", Json.createObjectBuilder().build());
                } catch (java.net.http.HttpTimeoutException e) {
                    throw new java.io.IOException(name + " initialize -> " + e + "; server threads then: " + serverThreads(), e);
                }
            } else {
                session = null;
            }
            stateless = new McpHttp(URI.create(base.toString()).resolve("/mcp"), key);
        }

        /** The result of a call that must succeed; null (and a failure recorded) when it did not. */
        JsonObject request(String method, String params, String mcpName) throws Exception {
            calls.incrementAndGet();
            McpHttp.Reply reply;
            try {
                reply = send(method, params, mcpName);
            } catch (java.net.http.HttpTimeoutException e) {
                // The test runs inside the server's JVM: what its threads were doing says why no answer came.
                failures.add(name + " " + method + " " + params + " -> " + e + "; server threads then: " + serverThreads());
                return null;
            } catch (java.io.IOException e) {
                failures.add(name + " " + method + " " + params + " -> " + e);
                return null;
            }
            JsonObject result = reply.status() == 200 ? reply.json().getJsonObject("result") : null;
            if (result == null || result.getBoolean("isError", false)) {
                failures.add(name + " " + method + " " + params + " -> HTTP " + reply.status() + " "
                        + (reply.body().length() > 500 ? reply.body().substring(0, 500) : reply.body()));
                return null;
            }
            return result;
        }

        private McpHttp.Reply send(String method, String params, String mcpName) throws Exception {
            McpHttp.Reply reply;
            if (session != null) {
                reply = session.post("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"" + method
                        + "\",\"params\":{" + params + "}}");
            } else {
                List<String> headers = new ArrayList<>(List.of("MCP-Protocol-Version", V2026, "Mcp-Method", method));
                if (mcpName != null) {
                    headers.addAll(List.of("Mcp-Name", mcpName));
                }
                reply = stateless.post("{\"jsonrpc\":\"2.0\",\"id\":"
                        + nextId++ + ",\"method\":\"" + method + "\",\"params\":{\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"" + V2026 + "\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}" + (params.isEmpty() ? "" : "," + params)
                        + "}}", headers.toArray(String[]::new));
            }
            return reply;
        }

        JsonObject tool(String tool, String arguments) throws Exception {
            JsonObject result = request("tools/call", "\"name\":\"" + tool + "\",\"arguments\":" + arguments, tool);
            return result == null ? null : result.getJsonObject("structuredContent");
        }

        long createdId(String model, String values) throws Exception {
            JsonObject created = tool("create", "{\"model\":\"" + model + "\",\"values\":" + values + "}");
            return created == null ? -1 : created.getJsonArray("ids").getJsonNumber(0).longValue();
        }
    }

    /** The threads of this JVM that are inside Bastion's code (not this test's), each as its top frames. */
    private static String serverThreads() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StackTraceElement[] stack = thread.getStackTrace();
            boolean serving = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("dev.bastion.")
                    && !f.getClassName().startsWith("dev.bastion.mcp.ConcurrencyIT")
                    && !f.getClassName().startsWith("dev.bastion.testing."));
            if (serving) {
                out.append("\n  [").append(thread.getThreadName()).append(' ').append(thread.getThreadState())
                        .append(thread.getLockName() == null ? "" : " on " + thread.getLockName())
                        .append(thread.getLockOwnerName() == null ? "" : " held by " + thread.getLockOwnerName()).append("] ");
                Arrays.stream(stack).limit(25).forEach(f -> out.append(f).append(" < "));
            }
        }
        return out.length() == 0 ? "none inside Bastion" : out.toString();
    }

    private void writer(Client c, int number) throws Exception {
        for (int round = 0; round < WRITER_ROUNDS; round++) {
            String tag = "concurrency " + number + "-" + round;
            long partner = c.createdId("res.partner", "{\"name\":\"" + tag + "\"}");
            if (partner < 0) {
                continue;
            }
            c.tool("write", "{\"model\":\"res.partner\",\"ids\":[" + partner + "],\"values\":{\"phone\":\"+32 " + round
                    + "\"}}");
            c.tool("read", "{\"model\":\"res.partner\",\"ids\":[" + partner + "],\"fields\":[\"name\",\"phone\"]}");
            long order = c.createdId("sale.order", "{\"partner_id\":" + partner + ",\"note\":\"" + tag + "\"}");
            if (order >= 0) {
                c.tool("method_call", "{\"model\":\"sale.order\",\"method\":\"action_quotation_send\",\"ids\":[" + order
                        + "]}");
                c.tool("search", "{\"model\":\"sale.order\",\"domain\":[[\"id\",\"=\"," + order + "]],"
                        + "\"fields\":[\"state\",\"partner_id\"]}");
                c.tool("method_call", "{\"model\":\"sale.order\",\"method\":\"action_cancel\",\"ids\":[" + order + "]}");
                c.tool("aggregate", "{\"model\":\"sale.order\",\"domain\":[[\"partner_id\",\"=\"," + partner + "]],"
                        + "\"group_by\":[\"state\"]}");
                c.tool("unlink", "{\"model\":\"sale.order\",\"ids\":[" + order + "]}");
            }
            c.tool("count", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=\",\"" + tag + "\"]]}");
            c.tool("default_get", "{\"model\":\"res.partner\",\"fields\":[]}");
            c.request("resources/read", "\"uri\":\"bastion://record/res.partner/" + partner + "\"",
                    "bastion://record/res.partner/" + partner);
            // A sales manager may not delete partners: the administrator does, once all clients are done.
            createdPartners.add(partner);
        }
    }

    private void reader(Client c) throws Exception {
        for (int round = 0; round < READER_ROUNDS; round++) {
            JsonObject page = c.tool("search", "{\"model\":\"sale.order\",\"fields\":[\"name\",\"partner_id\","
                    + "\"amount_total\"],\"order\":\"id desc\",\"limit\":10,\"offset\":" + round + "}");
            c.tool("count", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"ilike\",\"" + (char) ('a' + round)
                    + "\"]]}");
            c.tool("aggregate", "{\"model\":\"sale.order\",\"group_by\":[\"state\"],\"aggregates\":[\"amount_total:sum\"]}");
            if (page != null && !page.getJsonArray("records").isEmpty()) {
                c.tool("read", "{\"model\":\"sale.order\",\"ids\":[" + page.getJsonArray("records").getJsonObject(0)
                        .getInt("id") + "]}");
            }
            c.tool("list_companies", "{}");
            c.tool("list_modules", "{}");
            c.request("resources/read", "\"uri\":\"bastion://system\"", "bastion://system");
            c.request("tools/list", "", null);
            c.request("prompts/list", "", null);
        }
    }

    @Test
    void fiftyClientsMixingToolsGetNoErrorTheyWouldNotGetAlone() throws Exception {
        settings.set(SettingKey.RATE_LIMIT_PER_MINUTE, "0", "ConcurrencyIT");
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS_SHARED_KEY + WRITERS_OWN_KEY + READERS);
        try {
            String shared = demo.key("demo.manager");
            List<String> readerLogins = List.of("demo.sales.eu", "demo.sales.us", "demo.accountant", "demo.manager");
            // Every key is issued before the rows are counted: the clients must leave the database as they found it.
            Map<String, String> readerKeys = new java.util.HashMap<>();
            readerLogins.forEach(login -> readerKeys.put(login, demo.key(login)));
            Map<Integer, String> ownKeys = new java.util.HashMap<>();
            for (int n = WRITERS_SHARED_KEY; n < WRITERS_SHARED_KEY + WRITERS_OWN_KEY; n++) {
                ownKeys.put(n, demo.anotherKey("demo.manager", "concurrency " + n));
            }
            Map<String, Long> before = counts.now();
            assertTrue(audit.flush(20_000));
            long auditedBefore = counts.kept("mcp.audit.log");
            List<Callable<Void>> clients = new ArrayList<>();
            for (int i = 0; i < WRITERS_SHARED_KEY + WRITERS_OWN_KEY + READERS; i++) {
                int n = i;
                clients.add(() -> {
                    if (n < WRITERS_SHARED_KEY) {
                        writer(new Client("shared-key writer " + n, shared, n % 2 == 1), n);
                    } else if (n < WRITERS_SHARED_KEY + WRITERS_OWN_KEY) {
                        writer(new Client("own-key writer " + n, ownKeys.get(n), n % 2 == 1), n);
                    } else {
                        String login = readerLogins.get(n % readerLogins.size());
                        reader(new Client(login + " reader " + n, readerKeys.get(login), n % 2 == 0));
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(clients)) {
                f.get();
            }
            System.out.printf("ConcurrencyIT: %d calls by %d clients in %d ms, %d failed%n", calls.get(), clients.size(),
                    (System.nanoTime() - start) / 1_000_000, failures.size());
            if (!createdPartners.isEmpty()) {
                JsonObject deleted = new Client("cleanup", System.getProperty("it.admin.api-key",
                        "bst_it-admin-0123456789abcdefghijklmnopqrstuvwxyz"), false).tool("unlink",
                        "{\"model\":\"res.partner\",\"ids\":" + createdPartners + "}");
                assertTrue(deleted != null, "the administrator deletes the partners the clients created");
            }
            assertTrue(calls.get() >= 2_000, "a few thousand calls: " + calls.get());
            assertEquals(List.of(), failures.size() > 20 ? failures.subList(0, 20) : failures,
                    failures.size() + " of " + calls.get() + " calls failed (first 20 shown)");
            assertEquals(before, counts.now(), "every client deleted what it created");
            // Every call (the cleanup's included) and each session's initialize and initialized: one entry each.
            long sessions = clients.size() / 2;
            long expected = calls.get() + 2 * sessions;
            long deadline = System.currentTimeMillis() + 20_000;
            long audited;
            do {
                assertTrue(audit.flush(20_000));
                audited = counts.kept("mcp.audit.log") - auditedBefore;
            } while (audited < expected && System.currentTimeMillis() < deadline);
            assertEquals(expected, audited, "exactly one audit entry per request of the 50 clients");
        } finally {
            pool.shutdownNow();
            settings.reset(SettingKey.RATE_LIMIT_PER_MINUTE, "it");
        }
    }
}
