package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-lived GET streams (server-to-client streams of sessions, legacy HTTP+SSE
 * connections): sends on them and keeps them alive with a comment every 15 seconds, which is
 * also how a vanished client is noticed.
 */
@ApplicationScoped
public class StreamRegistry {

    private static final long KEEP_ALIVE_SECONDS = 15;

    private final Set<OpenStream> streams = ConcurrentHashMap.newKeySet();

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void start() {
        keepAlive = scheduler.scheduleWithFixedDelay(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        keepAlive.cancel(false);
        streams.forEach(OpenStream::close);
    }

    /** Registers an open sink; {@code onClose} runs once it is found closed. */
    OpenStream open(SseEventSink sink, Sse sse, String streamId, Runnable onClose) {
        OpenStream stream = new OpenStream(sink, sse, streamId, onClose);
        streams.add(stream);
        return stream;
    }

    private void ping() {
        for (OpenStream stream : streams) {
            stream.comment("keep-alive");
        }
    }

    /** One open GET stream. */
    final class OpenStream {
        private final SseEventSink sink;
        private final Sse sse;
        private final String streamId;
        private final Runnable onClose;
        private final AtomicLong sequence = new AtomicLong();
        private CompletionStage<?> tail = CompletableFuture.completedFuture(null);

        private OpenStream(SseEventSink sink, Sse sse, String streamId, Runnable onClose) {
            this.sink = sink;
            this.sse = sse;
            this.streamId = streamId;
            this.onClose = onClose;
        }

        void send(JsonRpcMessage message) {
            sendJson(message.toJson().toString());
        }

        /** Sends a message already serialised (one relayed from another node). */
        void sendJson(String json) {
            emit(sse.newEventBuilder().id(streamId + "-" + sequence.getAndIncrement()).name("message")
                    .data(json).build());
        }

        /** An event with a name of its own, e.g. the legacy {@code endpoint} event. */
        void send(String name, String data) {
            emit(sse.newEventBuilder().name(name).data(data).build());
        }

        void comment(String text) {
            emit(sse.newEventBuilder().comment(text).build());
        }

        /**
         * Sends after the previous event was written: {@code SseEventSink.send} is asynchronous
         * and would otherwise let a response overtake the progress notifications before it.
         */
        private synchronized void emit(OutboundSseEvent event) {
            if (sink.isClosed()) {
                close();
                return;
            }
            tail = tail.thenCompose(previous -> sink.send(event)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }

        void close() {
            if (streams.remove(this)) {
                try {
                    sink.close();
                } catch (RuntimeException clientAlreadyGone) {
                    // Closing flushes, which fails on a connection the client reset: the stream is closed all the same.
                } finally {
                    onClose.run();
                }
            }
        }
    }
}
