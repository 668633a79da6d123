package dev.bastion.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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

    private static SharedSessionStore store(FixedTtl settings) {
        SharedSessionStore store = new SharedSessionStore();
        store.settings = settings;
        store.grid = new SessionGrid();
        return store;
    }

    @Test
    void sessionsHaveUnguessableVisibleAsciiIds() {
        SharedSessionStore store = store(new FixedTtl(Duration.ofMinutes(5)));
        McpSession a = store.create("ann", ProtocolRevision.V2025_11_25, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_OBJECT);
        McpSession b = store.create("ann", ProtocolRevision.V2025_11_25, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_OBJECT);
        assertNotEquals(a.id(), b.id());
        assertEquals(48, a.id().length());
        assertTrue(a.id().chars().allMatch(c -> c >= 0x21 && c <= 0x7E));
        assertEquals("ann", store.find(a.id()).orElseThrow().callerName());
    }

    @Test
    void idleSessionsExpireAndTheReaperRemovesThem() throws InterruptedException {
        FixedTtl settings = new FixedTtl(Duration.ofMillis(50));
        SharedSessionStore store = store(settings);
        McpSession idle = store.create("ann", ProtocolRevision.V2025_06_18, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_OBJECT);
        Thread.sleep(120);
        store.reapExpired();
        assertTrue(store.all().isEmpty());
        assertTrue(store.here().isEmpty(), "this node let go of what it held");
        assertFalse(store.find(idle.id()).isPresent(), "an expired session is unknown (404 for the client)");
    }

    @Test
    void removedSessionsCancelWhatIsInFlight() {
        SharedSessionStore store = store(new FixedTtl(Duration.ofMinutes(5)));
        McpSession session = store.create("ann", ProtocolRevision.V2025_11_25, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_OBJECT);
        var running = session.startRequest(jakarta.json.Json.createValue(1));
        assertTrue(store.remove(session.id()));
        assertTrue(running.get(), "work of a terminated session is cancelled");
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
        McpSession s = store.create("ann", ProtocolRevision.V2025_11_25, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(s.lastSeen().plus(Duration.ofMinutes(30)), store.expiresAt(s.state()));
        settings.ttl = Duration.ofSeconds(5);
        assertEquals(s.lastSeen().plus(Duration.ofSeconds(5)), store.expiresAt(s.state()), "a changed TTL applies at once");
    }
}
