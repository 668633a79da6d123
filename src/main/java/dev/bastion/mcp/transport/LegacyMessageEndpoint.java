package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.server.SessionExchange;
import dev.bastion.mcp.server.McpServer;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /mcp/message?sessionId=...} of the 2024-11-05 HTTP+SSE transport: every message
 * is accepted with 202 and its answer travels on the connection's event stream.
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
    SessionStore sessions;

    @Inject
    CallerResolver callers;

    @Inject
    EdgeGuard guard;

    @Resource
    ManagedExecutorService executor;

    @POST
    public Response post(@QueryParam("sessionId") String connectionId, InputStream body) throws IOException {
        Optional<String> refusal = guard.refusal(http);
        if (refusal.isPresent()) {
            return JsonRpcResponses.error(403, JsonValue.NULL, ErrorCode.INVALID_REQUEST, refusal.get());
        }
        Optional<Caller> caller = callers.callerOf(http);
        Optional<LegacySseConnections.Connection> found = connections.find(connectionId)
                .filter(c -> caller.isPresent() && c.caller.equals(caller.get()));
        if (found.isEmpty()) {
            return JsonRpcResponses.error(404, JsonValue.NULL, ErrorCode.INVALID_REQUEST,
                    "Unknown sessionId: open the event stream with GET /mcp first");
        }
        LegacySseConnections.Connection connection = found.get();
        JsonRpcMessage message;
        JsonStructure parsed = null;
        try {
            parsed = JsonRpcParser.parseBody(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            message = JsonRpcParser.message(parsed);
        } catch (McpException e) {
            return JsonRpcResponses.error(400, parsed == null ? JsonValue.NULL : JsonRpcParser.idOf(parsed), e);
        }
        if (message instanceof JsonRpcMessage.Request request
                && McpMethod.INITIALIZE.wireName().equals(request.method())) {
            try {
                McpServer.Initialized initialized = server.initialize(request, connection.caller);
                connection.sessionId = initialized.session().id();
                initialized.session().standaloneStream(connection.stream::send);
                connection.stream.send(initialized.response());
            } catch (McpException e) {
                connection.stream.send(JsonRpcMessage.ErrorResponse.of(request.id(), e));
            }
            return Response.accepted().build();
        }
        Optional<McpSession> session = sessions.find(connection.sessionId);
        if (session.isEmpty()) {
            return JsonRpcResponses.error(400, JsonValue.NULL, ErrorCode.INVALID_REQUEST,
                    "Send initialize first");
        }
        if (message instanceof JsonRpcMessage.Request request) {
            SessionExchange exchange = new SessionExchange(session.get(), connection.caller, connection.stream::send, request);
            executor.submit(() -> connection.stream.send(server.handle(request, exchange)));
        } else {
            server.accept(message, session.get());
        }
        return Response.accepted().build();
    }
}
