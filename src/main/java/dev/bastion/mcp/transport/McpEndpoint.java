package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.server.SessionExchange;
import dev.bastion.mcp.server.McpServer;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code /mcp}: Streamable HTTP (POST a message, GET the server's stream, DELETE the session)
 * and the opening GET of the legacy HTTP+SSE transport, told apart by the session header;
 * stateless 2026-07-28 POSTs are handed to {@link StatelessRequests}.
 */
@Path("")
@RequestScoped
public class McpEndpoint {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** Methods whose work may emit progress, logs or requests to the client: answered as SSE when accepted. */
    private static final Set<String> STREAMED_METHODS = Set.of(McpMethod.TOOLS_CALL.wireName(),
            McpMethod.PROMPTS_GET.wireName(), McpMethod.RESOURCES_READ.wireName());

    @Context
    HttpServletRequest http;

    @Context
    Sse sse;

    @Inject
    McpServer server;

    @Inject
    SessionStore sessions;

    @Inject
    CallerResolver callers;

    @Inject
    EdgeGuard guard;

    @Inject
    SettingsService settings;

    @Inject
    StreamRegistry streams;

    @Inject
    LegacySseConnections legacy;

    @Inject
    StatelessRequests stateless;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @POST
    public Response post(InputStream body) {
        Optional<Response> refused = admission();
        if (refused.isPresent()) {
            return refused.get();
        }
        Caller caller = callers.callerOf(http).orElseThrow();
        JsonStructure parsed;
        try {
            parsed = JsonRpcParser.parseBody(readLimited(body));
        } catch (McpException e) {
            return JsonRpcResponses.error(400, JsonValue.NULL, e);
        } catch (BodyTooLarge e) {
            return JsonRpcResponses.error(413, JsonValue.NULL, ErrorCode.INVALID_REQUEST,
                    "Request body larger than " + e.limit + " bytes");
        }
        if (StatelessRequests.applies(http, parsed)) {
            try {
                return stateless.handle(JsonRpcParser.message(parsed), caller, http);
            } catch (McpException e) {
                return JsonRpcResponses.error(400, JsonRpcParser.idOf(parsed), e);
            }
        }
        if (parsed instanceof JsonArray batch) {
            return batch(batch, caller);
        }
        JsonRpcMessage message;
        try {
            message = JsonRpcParser.message(parsed);
        } catch (McpException e) {
            return JsonRpcResponses.error(400, JsonRpcParser.idOf(parsed), e);
        }
        if (message instanceof JsonRpcMessage.Request request
                && McpMethod.INITIALIZE.wireName().equals(request.method())) {
            return initialize(request, caller);
        }
        SessionLookup lookup = session(caller, idOf(message));
        if (lookup.failure != null) {
            return lookup.failure;
        }
        McpSession session = lookup.session;
        if (!(message instanceof JsonRpcMessage.Request request)) {
            server.accept(message, session);
            return Response.accepted().build();
        }
        if (STREAMED_METHODS.contains(request.method()) && accepts(MediaType.SERVER_SENT_EVENTS)) {
            return streamed(request, session, caller);
        }
        return JsonRpcResponses.json(server.handle(request, new SessionExchange(session, caller, null, request)));
    }

    private Response initialize(JsonRpcMessage.Request request, Caller caller) {
        try {
            McpServer.Initialized initialized = server.initialize(request, caller);
            return Response.ok(initialized.response().toJson().toString(), MediaType.APPLICATION_JSON_TYPE)
                    .header(SESSION_HEADER, initialized.session().id()).build();
        } catch (McpException e) {
            return JsonRpcResponses.error(400, request.id(), e);
        }
    }

    private Response batch(JsonArray batch, Caller caller) {
        SessionLookup lookup = session(caller, JsonValue.NULL);
        if (lookup.failure != null) {
            return lookup.failure;
        }
        McpSession session = lookup.session;
        if (!session.revision().allowsBatches()) {
            return JsonRpcResponses.error(400, JsonValue.NULL, ErrorCode.INVALID_REQUEST,
                    "JSON-RPC batches are not part of MCP " + session.revision().version());
        }
        if (batch.isEmpty()) {
            return JsonRpcResponses.error(400, JsonValue.NULL, ErrorCode.INVALID_REQUEST, "Empty batch");
        }
        JsonArrayBuilder answers = Jsons.createArrayBuilder();
        boolean anyRequest = false;
        for (JsonValue item : batch) {
            try {
                JsonRpcMessage message = JsonRpcParser.message(item);
                if (message instanceof JsonRpcMessage.Request request) {
                    anyRequest = true;
                    answers.add(server.handle(request, new SessionExchange(session, caller, null, request)).toJson());
                } else {
                    server.accept(message, session);
                }
            } catch (McpException e) {
                anyRequest = true;
                answers.add(JsonRpcMessage.ErrorResponse.of(JsonRpcParser.idOf(item), e).toJson());
            }
        }
        return anyRequest ? Response.ok(answers.build().toString(), MediaType.APPLICATION_JSON_TYPE).build()
                : Response.accepted().build();
    }

    /** Runs the request while streaming its notifications and requests, then its answer, as SSE. */
    private Response streamed(JsonRpcMessage.Request request, McpSession session, Caller caller) {
        StreamingOutput output = out -> {
            String streamId = UUID.randomUUID().toString();
            SseStream stream = new SseStream(out, streamId);
            stream.prime();
            Consumer<JsonRpcMessage> send = message -> session.events().record(streamId, stream.send(message), message);
            SessionExchange exchange = new SessionExchange(session, caller, send, request);
            ScheduledFuture<?> keepAlive = scheduler.scheduleWithFixedDelay(() -> {
                stream.keepAlive();
                if (stream.broken()) {
                    session.cancelRequest(request.id());
                }
            }, 15, 15, TimeUnit.SECONDS);
            try {
                send.accept(server.handle(request, exchange));
            } finally {
                keepAlive.cancel(false);
            }
        };
        return Response.ok(output, MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }

    @GET
    public void get(@Context SseEventSink sink) {
        Optional<Response> refused = admission();
        if (refused.isPresent()) {
            throw new WebApplicationException(refused.get());
        }
        if (!accepts(MediaType.SERVER_SENT_EVENTS)) {
            throw new WebApplicationException(Response.status(405).header("Allow", "POST, DELETE").build());
        }
        Caller caller = callers.callerOf(http).orElseThrow();
        if (http.getHeader(SESSION_HEADER) == null) {
            legacy.open(sink, sse, caller);
            return;
        }
        SessionLookup lookup = session(caller, JsonValue.NULL);
        if (lookup.failure != null) {
            throw new WebApplicationException(lookup.failure);
        }
        McpSession session = lookup.session;
        String lastEventId = http.getHeader("Last-Event-ID");
        if (lastEventId != null) {
            resume(session, lastEventId.trim(), sink);
            return;
        }
        StreamRegistry.OpenStream stream = streams.open(sink, sse, UUID.randomUUID().toString(),
                () -> session.standaloneStream(null));
        session.standaloneStream(stream::send);
        stream.comment("stream open");
    }

    /** Redelivers what a broken POST stream missed after {@code lastEventId}, then what follows. */
    private void resume(McpSession session, String lastEventId, SseEventSink sink) {
        int dash = lastEventId.lastIndexOf('-');
        long seq;
        try {
            seq = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            seq = -1;
        }
        String streamId = dash > 0 ? lastEventId.substring(0, dash) : "";
        if (seq < 0 || !session.events().knows(streamId)) {
            throw new WebApplicationException(JsonRpcResponses.error(404, JsonValue.NULL, ErrorCode.INVALID_REQUEST,
                    "Unknown Last-Event-ID: the stream is gone; send the request again"));
        }
        StreamRegistry.OpenStream stream = streams.open(sink, sse, streamId + "-resumed", () -> { });
        session.events().resume(streamId, seq, stream::send);
    }

    @DELETE
    public Response delete() {
        Optional<Response> refused = admission();
        if (refused.isPresent()) {
            return refused.get();
        }
        Caller caller = callers.callerOf(http).orElseThrow();
        SessionLookup lookup = session(caller, JsonValue.NULL);
        if (lookup.failure != null) {
            return lookup.failure;
        }
        sessions.remove(lookup.session.id());
        return Response.noContent().build();
    }

    /** Edge checks every method shares: Origin/Host, a known caller. */
    private Optional<Response> admission() {
        Optional<String> refusal = guard.refusal(http);
        if (refusal.isPresent()) {
            return Optional.of(JsonRpcResponses.error(403, JsonValue.NULL, ErrorCode.INVALID_REQUEST, refusal.get()));
        }
        if (callers.callerOf(http).isEmpty()) {
            return Optional.of(Response.status(401).header("WWW-Authenticate", "Bearer realm=\"bastion\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonRpcMessage.ErrorResponse.of(JsonValue.NULL,
                            new McpException(ErrorCode.INVALID_REQUEST, "Authentication required")).toJson().toString())
                    .build());
        }
        return Optional.empty();
    }

    /** The session a non-initialize message belongs to, or the HTTP answer that says why not. */
    private SessionLookup session(Caller caller, JsonValue id) {
        String version = http.getHeader(VERSION_HEADER);
        if (version != null && ProtocolRevision.of(version.trim()).isEmpty()) {
            return SessionLookup.failed(JsonRpcResponses.error(400, id, ErrorCode.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version '" + version + "'; supported: "
                            + ProtocolRevision.supportedVersions()));
        }
        String sessionId = http.getHeader(SESSION_HEADER);
        if (sessionId == null || sessionId.isBlank()) {
            return SessionLookup.failed(JsonRpcResponses.error(400, id, ErrorCode.INVALID_REQUEST,
                    "Missing Mcp-Session-Id header: call initialize first"));
        }
        Optional<McpSession> session = sessions.find(sessionId.trim())
                .filter(s -> s.callerName().equals(caller.name()));
        if (session.isEmpty()) {
            return SessionLookup.failed(JsonRpcResponses.error(404, id, ErrorCode.INVALID_REQUEST,
                    "Session not found or expired: initialize a new one"));
        }
        if (version != null && !version.trim().equals(session.get().revision().version())) {
            return SessionLookup.failed(JsonRpcResponses.error(400, id, ErrorCode.INVALID_REQUEST,
                    "MCP-Protocol-Version '" + version + "' differs from the session's "
                            + session.get().revision().version()));
        }
        return new SessionLookup(session.get(), null);
    }

    private record SessionLookup(McpSession session, Response failure) {
        static SessionLookup failed(Response failure) {
            return new SessionLookup(null, failure);
        }
    }

    private static JsonValue idOf(JsonRpcMessage message) {
        return message instanceof JsonRpcMessage.Request r ? r.id() : JsonValue.NULL;
    }

    private boolean accepts(String mediaType) {
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains(mediaType);
    }

    private String readLimited(InputStream body) throws BodyTooLarge {
        long limit = settings.getCount(SettingKey.MCP_MAX_BODY_BYTES);
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = body.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > limit) {
                    drain(body, limit);
                    throw new BodyTooLarge(limit);
                }
            }
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new McpException(ErrorCode.PARSE_ERROR, "Could not read the request body");
        }
    }

    /**
     * Reads what is left of an oversized body (up to a bound) so the client, still sending,
     * receives the 413 instead of a reset connection.
     */
    private static void drain(InputStream body, long limit) throws IOException {
        long budget = Math.max(limit * 16, 64L * 1024 * 1024);
        byte[] chunk = new byte[65536];
        int n;
        while (budget > 0 && (n = body.read(chunk)) > 0) {
            budget -= n;
        }
    }

    /** The body exceeded {@code bastion.mcp.max-body-bytes}. */
    static final class BodyTooLarge extends Exception {
        final long limit;

        BodyTooLarge(long limit) {
            super(null, null, false, false);
            this.limit = limit;
        }
    }
}
