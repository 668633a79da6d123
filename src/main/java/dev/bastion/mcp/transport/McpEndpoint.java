package dev.bastion.mcp.transport;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.server.McpServer;
import dev.bastion.mcp.server.SessionExchange;
import dev.bastion.mcp.server.SessionGate;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestTrace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;

/**
 * {@code /mcp}: Streamable HTTP (POST a message, GET the server's stream, DELETE the session)
 * and the opening GET of the legacy HTTP+SSE transport, told apart by the session header;
 * stateless 2026-07-28 POSTs are handed to {@link StatelessRequests}. The caller comes from
 * the request's {@link RequestReport} ({@link McpRequestFilter} let only known callers in);
 * sessions, initialize and batches are the engine's ({@link SessionGate}, {@link McpServer}).
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
    McpServer server;

    @Inject
    SessionGate gate;

    @Inject
    RequestBodies bodies;

    @Inject
    StreamRegistry streams;

    @Inject
    LegacySseConnections legacy;

    @Inject
    StatelessRequests stateless;

    @Inject
    Workers workers;

    @Inject
    SessionStore sessions;

    @POST
    public Response post(InputStream body) {
        RequestReport report = RequestReport.of(http);
        Caller caller = report.caller();
        JsonStructure parsed;
        try {
            parsed = JsonRpcParser.parseBody(bodies.read(body, http.getContentLengthLong()));
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, JsonValue.NULL, e);
        } catch (RequestBodies.TooLarge e) {
            return JsonRpcResponses.failure(report, 413, JsonValue.NULL, e.asError());
        }
        if (StatelessRequests.applies(http, parsed)) {
            return stateless.handle(parsed, caller, http, report);
        }
        if (parsed instanceof JsonArray batch) {
            return batch(batch, caller, report);
        }
        JsonRpcMessage message;
        try {
            message = JsonRpcParser.message(parsed);
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, JsonRpcParser.idOf(parsed), e);
        }
        if (message instanceof JsonRpcMessage.Request request
                && McpMethod.INITIALIZE.wireName().equals(request.method())) {
            return initialize(request, caller, report);
        }
        McpSession session;
        try {
            session = gate.open(caller, http.getHeader(SESSION_HEADER), http.getHeader(VERSION_HEADER));
        } catch (SessionGate.Refused refused) {
            return JsonRpcResponses.answer(report, message, JsonRpcMessage.ErrorResponse.of(idOf(message),
                    refused.error()), refused.status());
        }
        report.session(session);
        if (!(message instanceof JsonRpcMessage.Request request)) {
            server.accept(message, session);
            return JsonRpcResponses.accepted(report, message);
        }
        boolean mayStream = McpMethod.byWireName(request.method()).map(McpMethod::mayStream).orElse(false);
        if (mayStream && accepts(MediaType.SERVER_SENT_EVENTS)) {
            return deferred(request, session, caller, report);
        }
        return JsonRpcResponses.answer(report, request,
                server.handle(request, new SessionExchange(session, caller, null, request, report.trace(request))), 200);
    }

    private Response initialize(JsonRpcMessage.Request request, Caller caller, RequestReport report) {
        try {
            McpServer.Initialized initialized = server.initialize(request, caller);
            report.session(initialized.session());
            return Response.fromResponse(JsonRpcResponses.answer(report, request, initialized.response(), 200))
                    .header(SESSION_HEADER, initialized.session().id()).build();
        } catch (McpException e) {
            return JsonRpcResponses.answer(report, request, JsonRpcMessage.ErrorResponse.of(request.id(), e), 400);
        }
    }

    private Response batch(JsonArray batch, Caller caller, RequestReport report) {
        McpSession session;
        List<McpServer.Exchanged> exchanged;
        try {
            session = gate.open(caller, http.getHeader(SESSION_HEADER), http.getHeader(VERSION_HEADER));
            report.session(session);
            exchanged = server.batch(batch, session, caller);
        } catch (SessionGate.Refused refused) {
            return JsonRpcResponses.failure(report, refused.status(), JsonValue.NULL, refused.error());
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, JsonValue.NULL, e);
        }
        JsonArrayBuilder answers = Jsons.createArrayBuilder();
        boolean anyAnswer = false;
        for (McpServer.Exchanged item : exchanged) {
            if (item.answer() == null) {
                report.message(item.message(), null, 202, 0, item.trace());
            } else {
                JsonObject json = item.answer().toJson();
                report.message(item.message(), item.answer(), 200, RequestReport.utf8Length(json.toString()),
                        item.trace());
                answers.add(json);
                anyAnswer = true;
            }
        }
        return anyAnswer ? Response.ok(answers.build().toString(), MediaType.APPLICATION_JSON_TYPE).build()
                : Response.accepted().build();
    }

    /**
     * Runs a request whose work may talk to the client: JSON when it does not, else an event
     * stream with a priming event and ids, every event kept in the session's log for
     * redelivery after a broken connection.
     */
    private Response deferred(JsonRpcMessage.Request request, McpSession session, Caller caller, RequestReport report) {
        String streamId = UUID.randomUUID().toString();
        RequestTrace trace = report.trace(request);
        return DeferredAnswer.run(workers.executor(), request.id(),
                send -> server.handle(request, new SessionExchange(session, caller, send, request, trace)),
                answer -> JsonRpcResponses.answer(report, request, answer, 200),
                new DeferredAnswer.StreamFraming() {
                    @Override
                    public SseStream open(OutputStream out) {
                        SseStream stream = new SseStream(out, streamId);
                        stream.prime();
                        return stream;
                    }

                    @Override
                    public void send(SseStream stream, JsonRpcMessage frame, String json) {
                        session.events().record(streamId, stream.send(json), frame);
                    }
                },
                (answer, bytes) -> report.message(request, answer, 200, bytes));
    }

    /**
     * The server's stream of a session (or, without a session header, the legacy transport's
     * stream). Only event streams are served here: a client that does not accept one gets 405.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void get(@Context SseEventSink sink) {
        RequestReport report = RequestReport.of(http);
        if (!accepts(MediaType.SERVER_SENT_EVENTS)) {
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
                    McpException.invalidRequest("Unknown Last-Event-ID: the stream is gone; send the request again")));
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
                    refused.error()));
        }
    }

    private static JsonValue idOf(JsonRpcMessage message) {
        return message instanceof JsonRpcMessage.Request r ? r.id() : JsonValue.NULL;
    }

    private boolean accepts(String mediaType) {
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains(mediaType);
    }
}
