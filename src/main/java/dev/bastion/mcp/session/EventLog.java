package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a session's POST response streams sent, so a client whose stream broke can ask for the
 * rest with {@code Last-Event-ID} (2025-11-25 "Resumability and Redelivery"). Bounded: the
 * newest streams of the session are kept.
 */
public final class EventLog {

    static final int MAX_STREAMS = 32;

    private final Map<String, StreamLog> streams = new LinkedHashMap<>();

    private static final class StreamLog {
        final List<JsonRpcMessage> messages = new ArrayList<>();
        final List<Consumer<JsonRpcMessage>> followers = new ArrayList<>();
    }

    /** Records the event {@code seq} (1-based; 0 is the priming event) of stream {@code streamId}. */
    public synchronized void record(String streamId, long seq, JsonRpcMessage message) {
        StreamLog log = streams.computeIfAbsent(streamId, id -> new StreamLog());
        while (log.messages.size() < seq - 1) {
            log.messages.add(null);
        }
        log.messages.add(message);
        log.followers.forEach(f -> f.accept(message));
        if (streams.size() > MAX_STREAMS) {
            Iterator<String> oldest = streams.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether stream {@code streamId} is still remembered. */
    public synchronized boolean knows(String streamId) {
        return streams.containsKey(streamId);
    }

    /**
     * Sends {@code to} what stream {@code streamId} sent after event {@code afterSeq}, and
     * whatever it sends from now on.
     *
     * @return false when the stream is unknown (never existed, or too old)
     */
    public synchronized boolean resume(String streamId, long afterSeq, Consumer<JsonRpcMessage> to) {
        StreamLog log = streams.get(streamId);
        if (log == null) {
            return false;
        }
        for (int i = (int) Math.max(0, afterSeq); i < log.messages.size(); i++) {
            JsonRpcMessage message = log.messages.get(i);
            if (message != null) {
                to.accept(message);
            }
        }
        log.followers.add(to);
        return true;
    }
}
