package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a request as plain JSON unless its work sends something to the client (progress, a
 * log message, a request) before its result: then the answer becomes an event stream carrying
 * those messages and then the result, kept alive with a comment every
 * {@value #KEEP_ALIVE_SECONDS} s. The work runs on a worker so that the first message it sends
 * decides, on every revision alike. Where a client's disconnect is its cancellation (2026-07-28),
 * work still running after {@value #QUIET_SECONDS} s gets its stream too: only a write tells
 * the server that the client went away, so the keep-alives are what lets it stop the work.
 */
final class DeferredAnswer {

    private static final long KEEP_ALIVE_SECONDS = 5;
    private static final long QUIET_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(DeferredAnswer.class.getName());

    /** How the answer's event stream is written, once the work asks for one. */
    interface StreamFraming {
        /** Opens the stream on {@code out} (a priming event, where the revision has one). */
        SseStream open(OutputStream out);

        /** Sends {@code json}, the serialised {@code frame}, on {@code stream}. */
        void send(SseStream stream, JsonRpcMessage frame, String json);

        /**
         * The client went away before the result. Nothing happens by default: on the session
         * revisions a disconnect is not a cancellation (2025-11-25 "Sending Messages to the
         * Server"), the work goes on and the client may resume the stream from the event log.
         */
        default void broken() {
        }

        /** Whether slow work streams keep-alives so that {@link #broken()} is called when the client goes away. */
        default boolean watchesTheClient() {
            return false;
        }
    }

    private DeferredAnswer() {
    }

    /**
     * @param work    runs the request, sending what it must on the given consumer, and returns the result
     * @param asJson  the HTTP answer when the result comes first
     * @param onFinal told of the result and its serialised size when it went out on a stream
     */
    static HttpAnswer run(ExecutorService executor, JsonValue requestId,
                          Function<Consumer<JsonRpcMessage>, JsonRpcMessage> work,
                          Function<JsonRpcMessage, HttpAnswer> asJson, StreamFraming framing,
                          BiConsumer<JsonRpcMessage, Long> onFinal) {
        BlockingQueue<JsonRpcMessage> frames = new LinkedBlockingQueue<>();
        executor.execute(() -> {
            try {
                frames.add(work.apply(frames::add));
            } catch (RuntimeException | Error e) {
                // Whatever happens on the worker, the request gets its answer instead of waiting for ever.
                LOG.log(Level.SEVERE, "A request failed outside its handler", e);
                frames.add(JsonRpcMessage.ErrorResponse.of(requestId,
                        new McpException(ErrorCode.INTERNAL_ERROR, "Internal error while serving the request")));
            }
        });
        JsonRpcMessage first = take(frames, framing, framing.watchesTheClient() ? QUIET_SECONDS : 0);
        if (first != null && isFinal(first)) {
            return asJson.apply(first);
        }
        return HttpAnswer.eventStream(out -> {
            SseStream stream = framing.open(out);
            JsonRpcMessage frame = first;
            while (true) {
                if (frame == null) {
                    stream.keepAlive();
                } else {
                    String json = frame.toJson().toString();
                    framing.send(stream, frame, json);
                    if (isFinal(frame)) {
                        onFinal.accept(frame, RequestReport.utf8Length(json));
                        return;
                    }
                }
                if (stream.broken()) {
                    framing.broken();
                    return;
                }
                frame = take(frames, framing, KEEP_ALIVE_SECONDS);
            }
        });
    }

    /** The next frame; null when none came within {@code seconds} (0: wait as long as it takes). */
    private static JsonRpcMessage take(BlockingQueue<JsonRpcMessage> frames, StreamFraming framing, long seconds) {
        try {
            return seconds == 0 ? frames.take() : frames.poll(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            framing.broken();
            Thread.currentThread().interrupt();
            throw new McpException(ErrorCode.INTERNAL_ERROR, "Interrupted");
        }
    }

    static boolean isFinal(JsonRpcMessage frame) {
        return frame instanceof JsonRpcMessage.Response || frame instanceof JsonRpcMessage.ErrorResponse;
    }
}
