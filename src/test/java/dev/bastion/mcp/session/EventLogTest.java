package dev.bastion.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static JsonRpcMessage note(String name) {
        return new JsonRpcMessage.Notification(name, null);
    }

    private static List<String> methods(List<JsonRpcMessage> messages) {
        return messages.stream().map(m -> ((JsonRpcMessage.Notification) m).method()).toList();
    }

    @Test
    void resumesAfterTheLastSeenEventAndFollows() {
        EventLog log = new EventLog();
        log.record("s", 1, note("a"));
        log.record("s", 2, note("b"));
        log.record("s", 3, note("c"));
        List<JsonRpcMessage> got = new ArrayList<>();
        assertTrue(log.resume("s", 1, got::add));
        assertEquals(List.of("b", "c"), methods(got));
        log.record("s", 4, note("d"));
        assertEquals(List.of("b", "c", "d"), methods(got));
    }

    @Test
    void primingEventIdReplaysEverything() {
        EventLog log = new EventLog();
        log.record("s", 1, note("a"));
        List<JsonRpcMessage> got = new ArrayList<>();
        log.resume("s", 0, got::add);
        assertEquals(List.of("a"), methods(got));
    }

    @Test
    void unknownAndEvictedStreamsCannotBeResumed() {
        EventLog log = new EventLog();
        assertFalse(log.resume("nope", 0, m -> { }));
        for (int i = 0; i <= EventLog.MAX_STREAMS; i++) {
            log.record("s" + i, 1, note("x"));
        }
        assertFalse(log.knows("s0"), "the oldest stream was evicted");
        assertTrue(log.knows("s" + EventLog.MAX_STREAMS));
    }
}
