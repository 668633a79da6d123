package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.server.ListenSubscriptions;
import dev.bastion.mcp.server.McpServer;
import dev.bastion.mcp.server.StatelessExchange;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ToolDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The 2026-07-28 wire on the same {@code /mcp}: every POST stands alone. Checks run in the
 * order the spec and the conformance suite expect (method exists, {@code _meta} complete,
 * header agrees with {@code _meta}, version served, {@code Mcp-Method}/{@code Mcp-Name} and
 * {@code Mcp-Param-*} agree with the body); then the engine answers, as plain JSON unless the
 * work emits notifications first, in which case the answer becomes an event stream. Nothing
 * is remembered afterwards: no session is created.
 *
 * <p>Spec: 2026-07-28 {@code basic/transports/streamable-http.mdx}, {@code basic/versioning.mdx},
 * {@code basic/patterns/subscriptions.mdx}, {@code basic/patterns/mrtr.mdx}.
 */
@ApplicationScoped
public class StatelessRequests {

    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    private static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    private static final String PARAM_HEADER = "Mcp-Param-";
    private static final long KEEP_ALIVE_SECONDS = 15;

    @Inject
    McpServer server;

    @Inject
    ListenSubscriptions listeners;

    @Inject
    Workers workers;

    /**
     * Whether a POST speaks 2026-07-28: no session header, and either a version header that no
     * stateful revision claims or a body whose {@code _meta} names a protocol version.
     */
    static boolean applies(HttpServletRequest http, JsonStructure body) {
        if (http.getHeader(McpEndpoint.SESSION_HEADER) != null) {
            return false;
        }
        String header = http.getHeader(McpEndpoint.VERSION_HEADER);
        if (header != null) {
            return ProtocolRevision.of(header.trim()).map(ProtocolRevision::isStateless).orElse(true);
        }
        return body instanceof JsonObject o && o.get("params") instanceof JsonObject p
                && p.get("_meta") instanceof JsonObject meta && meta.containsKey(META_VERSION);
    }

    HttpAnswer handle(JsonStructure parsed, Caller caller, HttpServletRequest http, RequestReport report) {
        JsonRpcMessage message;
        try {
            message = JsonRpcParser.message(parsed);
        } catch (McpException e) {
            return JsonRpcResponses.failure(report, 400, JsonRpcParser.idOf(parsed), e);
        }
        JsonValue meta = message instanceof JsonRpcMessage.Request r ? r.paramsOrEmpty().get("_meta") : null;
        report.stateless(ProtocolRevision.V2026_07_28.version(),
                meta instanceof JsonObject m ? m.get(META_CLIENT_INFO) : null);
        if (!(message instanceof JsonRpcMessage.Request request)) {
            return JsonRpcResponses.accepted(report, message);
        }
        try {
            McpMethod method = McpServer.statelessMethod(request.method()).orElseThrow(() ->
                    McpException.methodNotFound(request.method()));
            checkMeta(request, http);
            checkStandardHeaders(request, method, http);
            JsonValue state = method.mayNeedInput() ? server.verifiedState(request.paramsOrEmpty(), caller) : null;
            if (method == McpMethod.SUBSCRIPTIONS_LISTEN) {
                return listen(request, caller, report);
            }
            return answer(request, caller, state, http, report);
        } catch (McpException e) {
            return JsonRpcResponses.answer(report, request, JsonRpcMessage.ErrorResponse.of(request.id(), e),
                    statusOf(e.code()));
        }
    }

    /** HTTP status of a 2026-07-28 error: the spec's 404 and 400 cases, else 200. */
    private static int statusOf(int code) {
        return switch (code) {
            case ErrorCode.METHOD_NOT_FOUND -> 404;
            case ErrorCode.HEADER_MISMATCH, ErrorCode.MISSING_REQUIRED_CLIENT_CAPABILITY,
                 ErrorCode.UNSUPPORTED_PROTOCOL_VERSION, ErrorCode.INVALID_PARAMS, ErrorCode.INVALID_REQUEST -> 400;
            default -> 200;
        };
    }

    private static void checkMeta(JsonRpcMessage.Request request, HttpServletRequest http) {
        JsonValue meta = request.paramsOrEmpty().get("_meta");
        if (!(meta instanceof JsonObject m)) {
            throw McpException.invalidParams("params._meta is required in protocol 2026-07-28, with "
                    + META_VERSION + " and " + META_CAPABILITIES);
        }
        if (!(m.get(META_VERSION) instanceof JsonString version)) {
            throw McpException.invalidParams("params._meta." + META_VERSION + " is required");
        }
        if (!(m.get(META_CAPABILITIES) instanceof JsonObject)) {
            throw McpException.invalidParams("params._meta." + META_CAPABILITIES + " is required (an object)");
        }
        String header = http.getHeader(McpEndpoint.VERSION_HEADER);
        if (header == null || !header.trim().equals(version.getString())) {
            throw new McpException(ErrorCode.HEADER_MISMATCH, "MCP-Protocol-Version header '" + header
                    + "' does not match _meta " + META_VERSION + " '" + version.getString() + "'");
        }
        if (ProtocolRevision.of(version.getString()).filter(ProtocolRevision::isStateless).isEmpty()) {
            throw new McpException(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version '" + version.getString() + "'",
                    Jsons.createObjectBuilder().add("supported", Jsons.createArrayBuilder(ProtocolRevision.statelessVersions()))
                            .add("requested", version.getString()).build());
        }
    }

    private static void checkStandardHeaders(JsonRpcMessage.Request request, McpMethod method, HttpServletRequest http) {
        String mcpMethod = http.getHeader("Mcp-Method");
        if (mcpMethod == null || !mcpMethod.trim().equals(request.method())) {
            throw mismatch("Mcp-Method header '" + mcpMethod + "' does not match the method '" + request.method() + "'");
        }
        String nameField = switch (method) {
            case TOOLS_CALL, PROMPTS_GET -> "name";
            case RESOURCES_READ -> "uri";
            default -> null;
        };
        if (nameField != null) {
            String body = request.paramsOrEmpty().getString(nameField, null);
            Optional<String> header = HeaderValues.decode(http.getHeader("Mcp-Name"));
            if (header.isEmpty() || !header.get().equals(body)) {
                throw mismatch("Mcp-Name header does not match params." + nameField);
            }
        }
    }

    /**
     * The request's {@code Mcp-Param-*} headers by lower-case name, read on the request's own
     * thread: the tool call that checks them runs on a worker.
     */
    private static Map<String, String> paramHeaders(HttpServletRequest http) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            if (name.regionMatches(true, 0, PARAM_HEADER, 0, PARAM_HEADER.length())) {
                headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
            }
        }
        return headers;
    }

    /** Every {@code x-mcp-header} parameter with a value must arrive in its {@code Mcp-Param-*} header, equal. */
    private static void checkParamHeaders(ToolDefinition tool, JsonObject arguments, Map<String, String> paramHeaders) {
        if (!(tool.inputSchema().get("properties") instanceof JsonObject properties)) {
            return;
        }
        for (Map.Entry<String, JsonValue> property : properties.entrySet()) {
            if (!(property.getValue() instanceof JsonObject p) || !(p.get("x-mcp-header") instanceof JsonString suffix)) {
                continue;
            }
            JsonValue value = arguments.get(property.getKey());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            String headerName = PARAM_HEADER + suffix.getString();
            Optional<String> header = HeaderValues.decode(paramHeaders.get(headerName.toLowerCase(Locale.ROOT)));
            if (header.isEmpty() || !sameValue(value, header.get())) {
                throw mismatch(headerName + " header is missing, badly encoded or does not match argument '"
                        + property.getKey() + "'");
            }
        }
    }

    private static boolean sameValue(JsonValue body, String header) {
        if (body instanceof JsonString s) {
            return s.getString().equals(header);
        }
        if (body instanceof JsonNumber n) {
            try {
                return n.bigDecimalValue().compareTo(new BigDecimal(header)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return body.toString().equals(header);
    }

    private static McpException mismatch(String message) {
        return new McpException(ErrorCode.HEADER_MISMATCH, message);
    }

    /**
     * Runs the request: JSON with its proper status if it finishes before emitting anything;
     * once it emits a notification, an event stream that carries the notifications and then
     * the result.
     */
    private HttpAnswer answer(JsonRpcMessage.Request request, Caller caller, JsonValue state, HttpServletRequest http,
                            RequestReport report) {
        Cancellation cancellation = new Cancellation();
        Map<String, String> paramHeaders = paramHeaders(http);
        RequestTrace trace = report.trace(request);
        return DeferredAnswer.run(workers.executor(), request.id(),
                send -> server.handleStateless(request, new StatelessExchange(request, caller, send, state, cancellation,
                        (tool, arguments) -> checkParamHeaders(tool, arguments, paramHeaders), trace)),
                answer -> JsonRpcResponses.answer(report, request, answer,
                        answer instanceof JsonRpcMessage.ErrorResponse e ? statusOf(e.code()) : 200),
                new DeferredAnswer.StreamFraming() {
                    @Override
                    public SseStream open(OutputStream out) {
                        return new SseStream(out, null);
                    }

                    @Override
                    public void send(SseStream stream, JsonRpcMessage frame, String json) {
                        stream.send(json);
                    }

                    @Override
                    public void broken() {
                        // 2026-07-28 "Cancellation": a client disconnect is the cancellation of the request.
                        cancellation.cancel();
                    }

                    @Override
                    public boolean watchesTheClient() {
                        return true;
                    }
                },
                (answer, bytes) -> report.message(request, answer, 200, bytes));
    }

    /**
     * {@code subscriptions/listen}: its filter checked first (a malformed one is -32602, resources
     * the caller may not read are left out), then an event stream that starts with the
     * acknowledgement and carries the notifications the client opted into, with keep-alive comments, until
     * the client closes it.
     */
    private HttpAnswer listen(JsonRpcMessage.Request request, Caller caller, RequestReport report) {
        ListenSubscriptions.Subscription prepared = listeners.prepare(request, caller);
        return HttpAnswer.eventStream(out -> {
            BlockingQueue<JsonRpcMessage> queue = new LinkedBlockingQueue<>();
            SseStream sse = new SseStream(out, null);
            try (ListenSubscriptions.Subscription subscription = prepared.open(queue::add)) {
                JsonRpcMessage acknowledgement = subscription.acknowledgement();
                String json = acknowledgement.toJson().toString();
                sse.send(json);
                report.message(request, acknowledgement, 200, RequestReport.utf8Length(json));
                while (!sse.broken()) {
                    JsonRpcMessage next = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                    if (next == null) {
                        sse.keepAlive();
                    } else {
                        sse.send(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
