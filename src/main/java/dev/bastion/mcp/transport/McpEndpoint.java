package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.server.SessionGate;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;

/**
 * {@code /mcp} in JAX-RS: the server's stream of a Streamable HTTP session (GET), the end of a
 * session (DELETE) and the opening GET of the legacy HTTP+SSE transport, told apart by the
 * session header. POSTs never reach it: {@link McpRequestFilter} answers them through
 * {@link McpPosts}. The caller comes from the request's {@link RequestReport} (the filter let
 * only known callers in); sessions are the engine's ({@link SessionGate}).
 */
@Path("")
@RequestScoped
public class McpEndpoint {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    @Context
    HttpServletRequest http;

    @Context
    Sse sse;

    @Inject
    SessionGate gate;

    @Inject
    StreamRegistry streams;

    @Inject
    LegacySseConnections legacy;

    @Inject
    SessionStore sessions;

    /**
     * The server's stream of a session (or, without a session header, the legacy transport's
     * stream). Only event streams are served here: a client that does not accept one gets 405.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void get(@Context SseEventSink sink) {
        RequestReport report = RequestReport.of(http);
        if (!acceptsEventStream(http)) {
            throw new WebApplicationException(Response.status(405).header("Allow", "POST, DELETE").build());
        }
        Caller caller = report.caller();
        if (http.getHeader(SESSION_HEADER) == null) {
            legacy.open(sink, sse, caller);
            return;
        }
        McpSession session = openOrThrow(caller, report);
        String lastEventId = http.getHeader("Last-Event-ID");
        if (lastEventId != null) {
            resume(session, lastEventId.trim(), sink, report);
            return;
        }
        StreamRegistry.OpenStream stream = streams.open(sink, sse, UUID.randomUUID().toString(), () -> {
            session.standaloneStream(null);
            session.streamClosed(true);
        });
        session.standaloneStream(stream::send);
        session.streamOpened(true);
        session.onClose(stream::close);
        stream.comment("stream open");
    }

    /**
     * Redelivers what a broken POST stream missed after {@code lastEventId}, then what follows;
     * the stream's log may be on another node ({@link SessionStore#resume}).
     */
    private void resume(McpSession session, String lastEventId, SseEventSink sink, RequestReport report) {
        int dash = lastEventId.lastIndexOf('-');
        long seq;
        try {
            seq = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            seq = -1;
        }
        String streamId = dash > 0 ? lastEventId.substring(0, dash) : "";
        HeldBack replay = new HeldBack();
        if (seq < 0 || !sessions.resume(session, streamId, seq, replay)) {
            throw new WebApplicationException(JsonRpcResponses.failure(report, 404, JsonValue.NULL,
                    McpException.invalidRequest("Unknown Last-Event-ID: the stream is gone; send the request again"))
                    .toResponse());
        }
        StreamRegistry.OpenStream stream = streams.open(sink, sse, streamId + "-resumed",
                () -> session.streamClosed(false));
        session.streamOpened(false);
        session.onClose(stream::close);
        replay.release(stream::send);
    }

    /**
     * Messages held back until the stream they go to is open: whether a stream can be resumed
     * is known (and the 404 still possible) only once its replay began.
     */
    private static final class HeldBack implements Consumer<JsonRpcMessage> {
        private final List<JsonRpcMessage> held = new ArrayList<>();
        private Consumer<JsonRpcMessage> target;

        @Override
        public synchronized void accept(JsonRpcMessage message) {
            if (target == null) {
                held.add(message);
            } else {
                target.accept(message);
            }
        }

        synchronized void release(Consumer<JsonRpcMessage> to) {
            held.forEach(to);
            held.clear();
            target = to;
        }
    }

    @DELETE
    public Response delete() {
        RequestReport report = RequestReport.of(http);
        gate.end(openOrThrow(report.caller(), report));
        return Response.noContent().build();
    }

    private McpSession openOrThrow(Caller caller, RequestReport report) {
        try {
            McpSession session = gate.open(caller, http.getHeader(SESSION_HEADER), http.getHeader(VERSION_HEADER));
            report.session(session);
            return session;
        } catch (SessionGate.Refused refused) {
            throw new WebApplicationException(JsonRpcResponses.failure(report, refused.status(), JsonValue.NULL,
                    refused.error()).toResponse());
        }
    }

    /** Whether the request's {@code Accept} lists {@code text/event-stream}. */
    static boolean acceptsEventStream(HttpServletRequest http) {
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS);
    }
}
