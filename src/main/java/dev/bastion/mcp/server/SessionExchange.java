package dev.bastion.mcp.server;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.RequestTrace;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One request of a stateful session being served: its session, caller, the stream its
 * notifications and server-to-client requests travel on, and its cancellation flag.
 */
public final class SessionExchange implements Exchange {


    private final McpSession session;
    private final Caller caller;
    private final Consumer<JsonRpcMessage> outbound;
    private final JsonValue progressToken;
    private final Cancellation cancellation;
    private final RequestTrace trace;

    /**
     * @param session  the client's session
     * @param caller   the authenticated caller
     * @param outbound where notifications and requests for the client go (the request's SSE
     *                 stream, the legacy stream), or null when the answer is plain JSON and
     *                 nothing else can be sent
     * @param request  the request being served
     * @param trace    where the features tell what the request touched
     */
    public SessionExchange(McpSession session, Caller caller, Consumer<JsonRpcMessage> outbound,
                    JsonRpcMessage.Request request, RequestTrace trace) {
        this.trace = trace;
        this.session = session;
        this.caller = caller;
        this.outbound = outbound;
        JsonValue meta = request.paramsOrEmpty().get("_meta");
        this.progressToken = meta instanceof JsonObject m ? m.get("progressToken") : null;
        this.cancellation = session.startRequest(request.id());
    }

    @Override
    public RequestTrace trace() {
        return trace;
    }

    @Override
    public Optional<McpSession> session() {
        return Optional.of(session);
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public ProtocolRevision revision() {
        return session.revision();
    }

    @Override
    public JsonObject clientCapabilities() {
        return session.clientCapabilities();
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken == null || outbound == null) {
            return;
        }
        boolean withMessage = revision().compareTo(ProtocolRevision.V2025_03_26) >= 0;
        outbound.accept(Exchange.progressNotification(progressToken, progress, total, withMessage ? message : null));
    }

    @Override
    public void log(String level, String logger, JsonValue data) {
        if (outbound == null || !Exchange.passes(level, session.logLevel())) {
            return;
        }
        outbound.accept(Exchange.logNotification(level, logger, data));
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public JsonObject requestFromClient(String method, JsonObject params, Duration timeout) {
        String capability = Exchange.capabilityFor(method);
        if (capability != null && !clientSupports(capability)) {
            throw new McpException(ErrorCode.INVALID_REQUEST,
                    "The client did not declare the '" + capability + "' capability needed for " + method);
        }
        if (outbound == null) {
            throw new McpException(ErrorCode.INTERNAL_ERROR,
                    "Cannot send " + method + " to the client: the request has no stream (send Accept: text/event-stream)");
        }
        McpSession.PendingRequest pending = session.newClientRequest();
        outbound.accept(new JsonRpcMessage.Request(Jsons.createValue(pending.id()), method, params));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (cancelled()) {
                    pending.answer().cancel(false);
                    throw new McpException(ErrorCode.INTERNAL_ERROR, "Request cancelled");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    pending.answer().cancel(false);
                    throw new McpException(ErrorCode.INTERNAL_ERROR,
                            "The client did not answer " + method + " within " + timeout);
                }
                try {
                    JsonRpcMessage answer = pending.answer().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)),
                            TimeUnit.NANOSECONDS);
                    if (answer instanceof JsonRpcMessage.Response r) {
                        return r.result();
                    }
                    JsonRpcMessage.ErrorResponse e = (JsonRpcMessage.ErrorResponse) answer;
                    throw new McpException(e.code(), "The client refused " + method + ": " + e.message(), e.data());
                } catch (TimeoutException stillWaiting) {
                    // loop: check cancellation and the deadline again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(ErrorCode.INTERNAL_ERROR, "Interrupted while waiting for the client");
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            throw new McpException(ErrorCode.INTERNAL_ERROR, "The session ended while waiting for the client");
        }
    }

    @Override
    public void finish(JsonValue requestId) {
        session.endRequest(requestId);
    }
}
