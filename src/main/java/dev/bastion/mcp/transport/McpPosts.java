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
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /mcp}: a message of a Streamable HTTP session (2025-03-26 to 2025-11-25), the
 * {@code initialize} that opens one, a batch (2025-03-26), or a stateless 2026-07-28 request
 * ({@link StatelessRequests}). {@link McpRequestFilter} hands every admitted POST here with its
 * one {@link Caller} and writes the {@link HttpAnswer} on the servlet response: the hot path of
 * every tool call passes through the container once, without JAX-RS.
 *
 * <p>Spec: 2025-11-25 {@code basic/transports.mdx} "Sending Messages to the Server" (JSON or an
 * event stream per request; here JSON unless the work sends something to the client first).
 */
@ApplicationScoped
public class McpPosts {

    @Inject
    McpServer server;

    @Inject
    SessionGate gate;

    @Inject
    RequestBodies bodies;

    @Inject
    StatelessRequests stateless;

    @Inject
    Workers workers;

    HttpAnswer serve(HttpServletRequest http, RequestReport report) throws IOException {
        Caller caller = report.caller();
        JsonStructure parsed;
        try {
            parsed = JsonRpcParser.parseBody(bodies.read(http.getInputStream(), http.getContentLengthLong()));
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, JsonValue.NULL, e);
        } catch (RequestBodies.TooLarge e) {
            return JsonRpcResponses.failure(report, 413, JsonValue.NULL, e.asError());
        }
        if (StatelessRequests.applies(http, parsed)) {
            return stateless.handle(parsed, caller, http, report);
        }
        if (parsed instanceof JsonArray batch) {
            return batch(batch, caller, http, report);
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
            session = gate.open(caller, http.getHeader(McpEndpoint.SESSION_HEADER),
                    http.getHeader(McpEndpoint.VERSION_HEADER));
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
        if (mayStream && McpEndpoint.acceptsEventStream(http)) {
            return deferred(request, session, caller, report);
        }
        return JsonRpcResponses.answer(report, request,
                server.handle(request, new SessionExchange(session, caller, null, request, report.trace(request))), 200);
    }

    private HttpAnswer initialize(JsonRpcMessage.Request request, Caller caller, RequestReport report) {
        try {
            McpServer.Initialized initialized = server.initialize(request, caller);
            report.session(initialized.session());
            return JsonRpcResponses.answer(report, request, initialized.response(), 200)
                    .header(McpEndpoint.SESSION_HEADER, initialized.session().id());
        } catch (McpException e) {
            return JsonRpcResponses.answer(report, request, JsonRpcMessage.ErrorResponse.of(request.id(), e), 400);
        }
    }

    private HttpAnswer batch(JsonArray batch, Caller caller, HttpServletRequest http, RequestReport report) {
        McpSession session;
        List<McpServer.Exchanged> exchanged;
        try {
            session = gate.open(caller, http.getHeader(McpEndpoint.SESSION_HEADER),
                    http.getHeader(McpEndpoint.VERSION_HEADER));
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
        return anyAnswer ? HttpAnswer.json(200, answers.build().toString()) : HttpAnswer.empty(202);
    }

    /**
     * Runs a request whose work may talk to the client: JSON when it does not, else an event
     * stream with a priming event and ids, every event kept in the session's log for
     * redelivery after a broken connection.
     */
    private HttpAnswer deferred(JsonRpcMessage.Request request, McpSession session, Caller caller,
                                RequestReport report) {
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

    private static JsonValue idOf(JsonRpcMessage message) {
        return message instanceof JsonRpcMessage.Request r ? r.id() : JsonValue.NULL;
    }
}
