package dev.bastion.mcp.server;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.InputRequired;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ToolDefinition;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One 2026-07-28 request: everything the server knows of the client comes with it (version,
 * capabilities, log level, answers to earlier input requests, signed state). Nothing of it
 * outlives the request.
 */
public final class StatelessExchange implements Exchange {

    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";

    private final Caller caller;
    private final JsonObject capabilities;
    private final String logLevel;
    private final JsonValue progressToken;
    private final Consumer<JsonRpcMessage> outbound;
    private final JsonObject inputResponses;
    private final JsonValue requestState;
    private final Cancellation cancellation;
    private final AtomicInteger clientRequests = new AtomicInteger();
    private final BiConsumer<ToolDefinition, JsonObject> toolCallCheck;
    private final RequestTrace trace;

    /**
     * @param request      the request, its {@code _meta} already checked complete
     * @param caller       the authenticated caller
     * @param outbound     where progress and log notifications go, or null for a JSON answer
     * @param requestState the verified state of an earlier input_required result, or null
     * @param cancellation set when the response stream closes
     * @param toolCallCheck checks the transport's headers of a tool call against the tool and its arguments
     * @param trace        where the features tell what the request touched
     */
    public StatelessExchange(JsonRpcMessage.Request request, Caller caller, Consumer<JsonRpcMessage> outbound,
                             JsonValue requestState, Cancellation cancellation,
                             BiConsumer<ToolDefinition, JsonObject> toolCallCheck, RequestTrace trace) {
        this.trace = trace;
        JsonObject params = request.paramsOrEmpty();
        JsonObject meta = params.getJsonObject("_meta");
        this.caller = caller;
        this.capabilities = meta.getJsonObject(META_CLIENT_CAPABILITIES);
        this.logLevel = meta.getString(META_LOG_LEVEL, null);
        this.progressToken = meta.get("progressToken");
        this.outbound = outbound;
        JsonValue responses = params.get("inputResponses");
        this.inputResponses = responses instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        this.requestState = requestState;
        this.cancellation = cancellation;
        this.toolCallCheck = toolCallCheck;
    }

    @Override
    public RequestTrace trace() {
        return trace;
    }

    @Override
    public void checkToolCall(ToolDefinition tool, JsonObject arguments) {
        toolCallCheck.accept(tool, arguments);
    }

    @Override
    public Optional<McpSession> session() {
        return Optional.empty();
    }

    @Override
    public void finish(JsonValue requestId) {
        // nothing is kept between requests
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public ProtocolRevision revision() {
        return ProtocolRevision.V2026_07_28;
    }

    @Override
    public JsonObject clientCapabilities() {
        return capabilities;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken == null || outbound == null) {
            return;
        }
        boolean withMessage = revision().compareTo(ProtocolRevision.V2025_03_26) >= 0;
        outbound.accept(Exchange.progressNotification(progressToken, progress, total, withMessage ? message : null));
    }

    /** Only when the request asked for a level (spec: servers MUST NOT log otherwise). */
    @Override
    public void log(String level, String logger, JsonValue data) {
        if (outbound == null || logLevel == null || !Exchange.passes(level, logLevel)) {
            return;
        }
        outbound.accept(Exchange.logNotification(level, logger, data));
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public Optional<JsonValue> inputResponse(String key) {
        return Optional.ofNullable(inputResponses.get(key)).filter(v -> v.getValueType() != JsonValue.ValueType.NULL);
    }

    @Override
    public Optional<JsonValue> requestState() {
        return Optional.ofNullable(requestState).filter(v -> v.getValueType() != JsonValue.ValueType.NULL);
    }

    /**
     * Server-to-client requests become input requests: the n-th request of this call is named
     * {@code client_request_n}; when the retry carries its answer, the answer is returned,
     * otherwise the call ends with an input_required result asking for it.
     */
    @Override
    public JsonObject requestFromClient(String method, JsonObject params, Duration timeout) {
        String capability = Exchange.capabilityFor(method);
        if (capability != null) {
            requireClientCapability(capability);
        }
        String key = "client_request_" + clientRequests.incrementAndGet();
        Optional<JsonValue> answer = inputResponse(key);
        if (answer.isPresent() && answer.get() instanceof JsonObject result) {
            return result;
        }
        throw new InputRequired(Map.of(key, Jsons.createObjectBuilder().add("method", method)
                .add("params", params).build()), null);
    }
}
