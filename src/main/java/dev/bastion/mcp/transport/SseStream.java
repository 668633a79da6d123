package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-Sent Events written on one response, thread-safe: the handler's messages and the
 * keep-alive timer share it. On streams of the stateful revisions every event carries an id
 * ({@code <stream>-<n>}); 2026-07-28 removed event ids, so its streams have none.
 */
final class SseStream {

    static final int RETRY_MILLIS = 1000;

    private final OutputStream out;
    private final String streamId;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean broken;

    /** @param streamId prefix of the event ids, or null for a stream without ids */
    SseStream(OutputStream out, String streamId) {
        this.out = out;
        this.streamId = streamId;
    }

    /** The priming event: an id and empty data, plus the reconnection delay. */
    void prime() {
        write("id: " + nextId() + "\nretry: " + RETRY_MILLIS + "\ndata: \n\n");
    }

    /** Sends one message; returns its sequence number in this stream (0 on streams without ids). */
    long send(JsonRpcMessage message) {
        return send(message.toJson().toString());
    }

    /** Sends one message already serialised as {@code json}. */
    long send(String json) {
        if (streamId == null) {
            write("event: message\ndata: " + json + "\n\n");
            return 0;
        }
        long seq;
        synchronized (this) {
            seq = sequence.getAndIncrement();
            write("id: " + streamId + "-" + seq + "\nevent: message\ndata: " + json + "\n\n");
        }
        return seq;
    }

    void keepAlive() {
        write(": keep-alive\n\n");
    }

    /** True once a write failed: the client went away. */
    boolean broken() {
        return broken;
    }

    private String nextId() {
        return streamId + "-" + sequence.getAndIncrement();
    }

    private synchronized void write(String frame) {
        if (broken) {
            return;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            broken = true;
        }
    }
}
