package dev.bastion.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.platform.cluster.EmbeddedGrid;
import dev.bastion.platform.cluster.Grid;
import dev.bastion.platform.cluster.SharedMap;
import dev.bastion.platform.cluster.Topic;
import dev.bastion.platform.cluster.WindowCounter;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The store over the embedded grid (one node, as Bastion runs by default), and two stores over
 * one grid with a topic between them, as two nodes of a cluster see each other.
 */
class SharedSessionStoreTest {

    /** Settings with a TTL the test controls. */
    static final class FixedTtl extends SettingsService {
        volatile Duration ttl;

        FixedTtl(Duration ttl) {
            this.ttl = ttl;
        }

        @Override
        public Duration getDuration(SettingKey key) {
            return ttl;
        }
    }

    /**
     * The grid of one of several nodes: the maps of one embedded grid that all share, and
     * topics that deliver to the other nodes' subscribers (never the publisher's), as the
     * cluster's do.
     */
    static final class NodeOfCluster implements Grid {
        private final String name;
        private final EmbeddedGrid shared;
        private final Map<String, List<Map.Entry<String, Consumer<Serializable>>>> bus;

        NodeOfCluster(String name, EmbeddedGrid shared, Map<String, List<Map.Entry<String, Consumer<Serializable>>>> bus) {
            this.name = name;
            this.shared = shared;
            this.bus = bus;
        }

        @Override
        public boolean clustered() {
            return true;
        }

        @Override
        public String nodeName() {
            return name;
        }

        @Override
        public <V extends Serializable> SharedMap<V> map(String mapName, Duration idle) {
            return shared.map(mapName, idle);
        }

        @Override
        public WindowCounter counter(String counterName, Duration window) {
            return shared.counter(counterName, window);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Serializable> Topic<T> topic(String topicName) {
            List<Map.Entry<String, Consumer<Serializable>>> subscribers =
                    bus.computeIfAbsent(topicName, t -> new CopyOnWriteArrayList<>());
            return new Topic<>() {
                @Override
                public boolean publish(T message, Duration wait) {
                    subscribers.stream().filter(s -> !s.getKey().equals(name)).forEach(s -> s.getValue().accept(message));
                    return true;
                }

                @Override
                public void subscribe(Consumer<T> subscriber) {
                    subscribers.add(Map.entry(name, m -> subscriber.accept((T) m)));
                }
            };
        }
    }

    private static SharedSessionStore store(SettingsService settings, Grid grid) {
        SharedSessionStore store = new SharedSessionStore();
        store.settings = settings;
        store.grid = grid;
        store.connect();
        return store;
    }

    private static SharedSessionStore store(FixedTtl settings) {
        return store(settings, new EmbeddedGrid("single"));
    }

    /** Two nodes sharing one grid. */
    private static SharedSessionStore[] cluster(FixedTtl settings) {
        EmbeddedGrid shared = new EmbeddedGrid("shared");
        Map<String, List<Map.Entry<String, Consumer<Serializable>>>> bus = new ConcurrentHashMap<>();
        return new SharedSessionStore[] {store(settings, new NodeOfCluster("a", shared, bus)),
            store(settings, new NodeOfCluster("b", shared, bus))};
    }

    private static McpSession open(SharedSessionStore store) {
        return store.create("ann", ProtocolRevision.V2025_11_25, JsonValue.EMPTY_JSON_OBJECT,
                Json.createObjectBuilder().add("name", "test-client").build());
    }

    @Test
    void sessionsHaveUnguessableVisibleAsciiIds() {
        SharedSessionStore store = store(new FixedTtl(Duration.ofMinutes(5)));
        McpSession a = open(store);
        McpSession b = open(store);
        assertNotEquals(a.id(), b.id());
        assertEquals(48, a.id().length());
        assertTrue(a.id().chars().allMatch(c -> c >= 0x21 && c <= 0x7E));
        assertEquals("ann", store.find(a.id()).orElseThrow().callerName());
    }

    @Test
    void idleSessionsExpireAndTheReaperRemovesThem() throws InterruptedException {
        FixedTtl settings = new FixedTtl(Duration.ofMillis(50));
        SharedSessionStore store = store(settings);
        McpSession idle = open(store);
        Thread.sleep(120);
        store.reapExpired();
        assertTrue(store.all().isEmpty());
        assertTrue(store.here().isEmpty(), "this node let go of what it held");
        assertFalse(store.find(idle.id()).isPresent(), "an expired session is unknown (404 for the client)");
    }

    @Test
    void removedSessionsCancelWhatIsInFlight() {
        SharedSessionStore store = store(new FixedTtl(Duration.ofMinutes(5)));
        McpSession session = open(store);
        Cancellation running = session.startRequest(Json.createValue(1));
        assertTrue(store.remove(session.id()));
        assertTrue(running.isCancelled(), "work of a terminated session is cancelled");
        assertFalse(store.remove(session.id()));
    }

    @Test
    void theReaperKeepsPaceWithTheTtl() {
        assertEquals(Duration.ofSeconds(1), SharedSessionStore.reaperPeriod(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(15), SharedSessionStore.reaperPeriod(Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(30), SharedSessionStore.reaperPeriod(Duration.ofMinutes(30)));
        assertEquals(Duration.ofSeconds(1), SharedSessionStore.reaperPeriod(Duration.ZERO));
    }

    @Test
    void expiryFollowsTheTtlAsItIsNow() {
        FixedTtl settings = new FixedTtl(Duration.ofMinutes(30));
        SharedSessionStore store = store(settings);
        McpSession s = open(store);
        assertEquals(s.lastSeen().plus(Duration.ofMinutes(30)), store.expiresAt(s.state()));
        settings.ttl = Duration.ofSeconds(5);
        assertEquals(s.lastSeen().plus(Duration.ofSeconds(5)), store.expiresAt(s.state()), "a changed TTL applies at once");
    }

    @Test
    void aSingleNodeWritesEveryTouchAndCountsEveryRequest() {
        SharedSessionStore store = store(new FixedTtl(Duration.ofMinutes(30)));
        McpSession s = open(store);
        for (int i = 0; i < 3; i++) {
            McpSession found = store.find(s.id()).orElseThrow();
            found.startRequest(Json.createValue(i));
            found.endRequest(Json.createValue(i));
        }
        SessionState shared = store.all().iterator().next();
        assertEquals(s.lastSeen(), shared.lastSeen(), "no touch interval without a cluster: expiry exactly as before");
        assertEquals(3, shared.requests() + store.requestsNotShared(s.id()));
    }

    @Test
    void aClusterTouchesOnlyEveryTenthOfTheTtlAndNeverExpiresEarly() {
        assertEquals(Duration.ZERO, SharedSessionStore.touchInterval(Duration.ofMinutes(30), false));
        assertEquals(Duration.ofSeconds(30), SharedSessionStore.touchInterval(Duration.ofMinutes(30), true));
        assertEquals(Duration.ofSeconds(6), SharedSessionStore.touchInterval(Duration.ofMinutes(1), true));
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        SessionState written = onA.state();
        nodes[0].find(onA.id()).orElseThrow();
        assertEquals(written, nodes[1].all().iterator().next(), "a request within the interval writes nothing");
        assertEquals(written.lastSeen().plus(Duration.ofMinutes(30)).plus(Duration.ofSeconds(30)),
                nodes[1].expiresAt(written), "a node that did not serve the last request allows for the interval");
        assertTrue(nodes[0].expiresAt(written).isAfter(nodes[0].find(onA.id()).orElseThrow().lastSeen()
                .plus(Duration.ofMinutes(30))), "nor does the node that did");
    }

    @Test
    void aSessionOpenedOnOneNodeContinuesOnAnotherWithEveryChange() {
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        McpSession onB = nodes[1].find(onA.id()).orElseThrow();
        assertEquals("test-client", onB.clientInfo().getString("name"));
        assertEquals(ProtocolRevision.V2025_11_25, onB.revision());
        assertFalse(onB.initialized());
        onA.markInitialized();
        onA.logLevel("warning");
        onB = nodes[1].find(onA.id()).orElseThrow();
        assertTrue(onB.initialized(), "initialized on A, seen on B");
        assertEquals("warning", onB.logLevel());
        onB.subscribe("bastion://record/res.partner/7");
        assertEquals(List.of("bastion://record/res.partner/7"), nodes[0].current(onA).orElseThrow().subscriptions(),
                "subscribed on B, known on A at the next read");
        onA.unsubscribe("bastion://record/res.partner/7");
        assertTrue(nodes[1].current(onB).orElseThrow().subscriptions().isEmpty());
    }

    @Test
    void endingASessionOnOneNodeClosesTheStreamAnotherHolds() {
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        AtomicBoolean streamClosed = new AtomicBoolean();
        onA.standaloneStream(m -> { });
        onA.streamOpened(true);
        onA.onClose(() -> streamClosed.set(true));
        SessionState state = nodes[1].all().iterator().next();
        assertEquals("a", state.streamNode(), "every node sees which node holds the stream");
        assertEquals(1, state.openStreams());
        assertTrue(nodes[1].remove(onA.id()), "DELETE on B");
        assertTrue(streamClosed.get(), "the GET stream on A is closed");
        assertTrue(nodes[0].here().isEmpty());
        assertFalse(nodes[0].find(onA.id()).isPresent());
    }

    @Test
    void aReaperOnOneNodeEndsWhatIdlesOnAnother() throws InterruptedException {
        FixedTtl settings = new FixedTtl(Duration.ofMillis(50));
        SharedSessionStore[] nodes = cluster(settings);
        McpSession onA = open(nodes[0]);
        AtomicBoolean streamClosed = new AtomicBoolean();
        onA.onClose(() -> streamClosed.set(true));
        Thread.sleep(150);
        nodes[1].reapExpired();
        assertTrue(streamClosed.get(), "B's reaper removed the idle session, A closed its stream");
        assertTrue(nodes[0].all().isEmpty());
    }

    @Test
    void aCancellationArrivingOnOneNodeStopsTheRequestRunningOnAnother() {
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        Cancellation cancelled = onA.startRequest(Json.createValue("call-7"));
        Cancellation other = onA.startRequest(Json.createValue(8));
        nodes[1].find(onA.id()).orElseThrow().cancelRequest(Json.createValue("call-7"));
        assertTrue(cancelled.isCancelled());
        assertFalse(other.isCancelled());
    }

    @Test
    void aClientsAnswerPostedToOneNodeCompletesTheRequestWaitingOnAnother() throws Exception {
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        McpSession.PendingRequest pending = onA.newClientRequest();
        McpSession onB = nodes[1].find(onA.id()).orElseThrow();
        McpSession.PendingRequest pendingOnB = onB.newClientRequest();
        assertNotEquals(pending.id(), pendingOnB.id(), "server-to-client request ids differ between nodes");
        JsonRpcMessage answer = new JsonRpcMessage.Response(Jsons.createValue(pending.id()),
                Json.createObjectBuilder().add("action", "accept").build());
        onB.completeClientRequest(Jsons.createValue(pending.id()), answer);
        assertEquals(answer.toJson(), pending.answer().get().toJson());
        assertFalse(pendingOnB.answer().isDone());
    }

    @Test
    void aBrokenStreamResumesOnAnotherNodeFromTheLogOfTheNodeThatRanIt() {
        SharedSessionStore[] nodes = cluster(new FixedTtl(Duration.ofMinutes(30)));
        McpSession onA = open(nodes[0]);
        onA.events().record("post-1", 1, new JsonRpcMessage.Notification("notifications/progress", null));
        onA.events().record("post-1", 2, new JsonRpcMessage.Notification("notifications/message", null));
        McpSession onB = nodes[1].find(onA.id()).orElseThrow();
        List<JsonRpcMessage> replayed = new CopyOnWriteArrayList<>();
        assertTrue(nodes[1].resume(onB, "post-1", 1, replayed::add));
        assertEquals(List.of("notifications/message"), replayed.stream()
                .map(m -> ((JsonRpcMessage.Notification) m).method()).toList(), "what came after the last event seen");
        onA.events().record("post-1", 3, new JsonRpcMessage.Response(Json.createValue(4), JsonValue.EMPTY_JSON_OBJECT));
        assertEquals(2, replayed.size(), "and what the request sends from then on, its response");
        assertFalse(nodes[1].resume(onB, "post-unknown", 0, replayed::add), "no node knows it: 404");
    }
}
