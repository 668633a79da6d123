package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.server.McpServer;
import dev.bastion.mcp.server.SessionExchange;
import dev.bastion.mcp.server.SessionGate;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /mcp/message?sessionId=...} of the 2024-11-05 HTTP+SSE transport: every message
 * is accepted with 202 and its answer travels on the connection's event stream, which another
 * node of a cluster may hold ({@link LegacySseConnections} relays it there). The body limit is
 * the same as on {@code /mcp}.
 */
@Path("message")
@RequestScoped
public class LegacyMessageEndpoint {

    @Context
    HttpServletRequest http;

    @Inject
    LegacySseConnections connections;

    @Inject
    McpServer server;

    @Inject
    SessionGate gate;

    @Inject
    RequestBodies bodies;

    @Inject
    Workers workers;

    @POST
    public Response post(@QueryParam("sessionId") String connectionId, InputStream body) {
        RequestReport report = RequestReport.of(http);
        Caller caller = report.caller();
        Optional<LegacySseConnections.Connection> found = connections.find(connectionId, caller);
        if (found.isEmpty()) {
            return JsonRpcResponses.failure(report, 404, JsonValue.NULL,
                    McpException.invalidRequest("Unknown sessionId: open the event stream with GET /mcp first")).toResponse();
        }
        LegacySseConnections.Connection connection = found.get();
        JsonRpcMessage message;
        JsonStructure parsed = null;
        try {
            parsed = JsonRpcParser.parseBody(bodies.read(body, http.getContentLengthLong()));
            message = JsonRpcParser.message(parsed);
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, parsed == null ? JsonValue.NULL : JsonRpcParser.idOf(parsed), e)
                    .toResponse();
        } catch (RequestBodies.TooLarge e) {
            return JsonRpcResponses.failure(report, 413, JsonValue.NULL, e.asError()).toResponse();
        }
        if (message instanceof JsonRpcMessage.Request request
                && McpMethod.INITIALIZE.wireName().equals(request.method())) {
            try {
                McpServer.Initialized initialized = server.initialize(request, caller);
                report.session(initialized.session());
                connections.attach(connection, initialized.session(), initialized.response());
                report.message(request, initialized.response(), 202,
                        RequestReport.utf8Length(initialized.response().toJson().toString()));
            } catch (McpException e) {
                sendOnStream(connection, request, JsonRpcMessage.ErrorResponse.of(request.id(), e), report);
            }
            return Response.accepted().build();
        }
        Optional<McpSession> session = connection.sessionId() == null ? Optional.empty()
                : gate.find(caller, connection.sessionId());
        if (session.isEmpty()) {
            return JsonRpcResponses.failure(report, 400, JsonValue.NULL, McpException.invalidRequest("Send initialize first"))
                    .toResponse();
        }
        report.session(session.get());
        if (!(message instanceof JsonRpcMessage.Request request)) {
            server.accept(message, session.get());
            return JsonRpcResponses.accepted(report, message).toResponse();
        }
        SessionExchange exchange = new SessionExchange(session.get(), caller, m -> connections.send(connection, m),
                request, report.trace(request));
        report.messageFollows();
        workers.executor().submit(() -> sendOnStream(connection, request, server.handle(request, exchange), report));
        return Response.accepted().build();
    }

    private void sendOnStream(LegacySseConnections.Connection connection, JsonRpcMessage.Request request,
                              JsonRpcMessage answer, RequestReport report) {
        connections.send(connection, answer);
        report.message(request, answer, 202, RequestReport.utf8Length(answer.toJson().toString()));
    }
}
