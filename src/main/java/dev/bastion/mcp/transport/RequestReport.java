package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestCompleted.Outcome;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestTrace;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What is known about one HTTP request to {@code /mcp} while it is served, and the
 * {@link RequestCompleted} events it ends in: one per JSON-RPC message it carried
 * ({@link #message}), or one for the request itself when it carried none
 * ({@link #finishRequest}). Created by {@link McpRequestFilter}; found by the endpoints with
 * {@link #of}.
 */
final class RequestReport {

    private static final String ATTRIBUTE = RequestReport.class.getName();

    private final Consumer<RequestCompleted> observers;
    private final Instant at;
    private final long startNanos;
    private final String httpMethod;
    private final String ip;
    private final String userAgent;
    private final AtomicBoolean messageReported = new AtomicBoolean();
    private volatile Caller caller;
    private volatile String sessionId;
    private volatile String revision;
    private volatile String clientName;
    private volatile String clientVersion;
    private volatile Integer errorCode;
    private volatile long answerBytes = -1;
    /** The trace of each request message being served (by identity: ids may repeat). */
    private final Map<JsonRpcMessage, RequestTrace> traces = Collections.synchronizedMap(new IdentityHashMap<>());

    RequestReport(Consumer<RequestCompleted> observers, HttpServletRequest http, String ip) {
        this.observers = observers;
        this.at = Instant.now();
        this.startNanos = System.nanoTime();
        this.httpMethod = http.getMethod();
        this.ip = ip;
        this.userAgent = http.getHeader("User-Agent");
        http.setAttribute(ATTRIBUTE, this);
    }

    /** The report of {@code http}; the filter always made one. */
    static RequestReport of(HttpServletRequest http) {
        return (RequestReport) http.getAttribute(ATTRIBUTE);
    }

    Caller caller() {
        return caller;
    }

    /** Builds the 403 challenge for a missing scope; set by the filter, which knows the resource's address. */
    private volatile java.util.function.BiFunction<String, String, String> scopeChallenges = (scope, why) ->
            "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"";

    void scopeChallenges(java.util.function.BiFunction<String, String, String> challenges) {
        scopeChallenges = challenges;
    }

    /** The {@code WWW-Authenticate} value of a 403 for want of {@code scope}. */
    String scopeChallenge(String scope, String why) {
        return scopeChallenges.apply(scope, why);
    }

    void caller(Caller who) {
        caller = who;
    }

    /** The request belongs to {@code session}: its id, revision and client go into every event. */
    void session(McpSession session) {
        sessionId = session.id();
        revision = session.revision().version();
        client(session.clientInfo());
    }

    /** A stateless request of {@code version}, from the client its {@code _meta} names. */
    void stateless(String version, JsonValue clientInfo) {
        revision = version;
        if (clientInfo instanceof JsonObject info) {
            client(info);
        }
    }

    private void client(JsonObject info) {
        clientName = info.get("name") instanceof JsonString s ? s.getString() : null;
        clientVersion = info.get("version") instanceof JsonString s ? s.getString() : null;
    }

    /** A new trace for {@code request}, which its event will report. */
    RequestTrace trace(JsonRpcMessage.Request request) {
        RequestTrace trace = new RequestTrace();
        traces.put(request, trace);
        return trace;
    }

    /** The JSON-RPC error and size of an answer given to the request as a whole (no message read). */
    void answered(Integer code, long bytes) {
        errorCode = code;
        answerBytes = bytes;
    }

    /**
     * The request's message is answered later, on another thread (the legacy transport's
     * stream): the request itself ends without an event of its own.
     */
    void messageFollows() {
        messageReported.set(true);
    }

    /**
     * Reports one message: {@code message} is null for a batch item that was not one,
     * {@code answer} its response (null for notifications and client responses), {@code status}
     * the HTTP status it went out with, {@code bytes} the answer's size.
     */
    void message(JsonRpcMessage message, JsonRpcMessage answer, int status, long bytes) {
        RequestTrace trace = message == null ? null : traces.remove(message);
        message(message, answer, status, bytes, trace == null ? RequestTrace.DISCARDED : trace);
    }

    /** {@link #message(JsonRpcMessage, JsonRpcMessage, int, long)} with the trace the message was served with. */
    void message(JsonRpcMessage message, JsonRpcMessage answer, int status, long bytes, RequestTrace trace) {
        messageReported.set(true);
        String method = null;
        String id = null;
        String target = null;
        JsonObject params = null;
        if (message == null && answer instanceof JsonRpcMessage.ErrorResponse e) {
            id = e.id() == JsonValue.NULL ? null : e.id().toString();
        } else if (message instanceof JsonRpcMessage.Request r) {
            method = r.method();
            id = r.id().toString();
            params = r.params();
            target = targetOf(r.paramsOrEmpty());
        } else if (message instanceof JsonRpcMessage.Notification n) {
            method = n.method();
            params = n.params();
        } else if (message instanceof JsonRpcMessage.Response r) {
            id = r.id().toString();
        } else if (message instanceof JsonRpcMessage.ErrorResponse e) {
            id = e.id().toString();
        }
        Outcome outcome = Outcome.OK;
        Integer code = null;
        if (answer instanceof JsonRpcMessage.ErrorResponse e) {
            outcome = Outcome.RPC_ERROR;
            code = e.code();
        } else if (answer instanceof JsonRpcMessage.Response r && r.result().get("isError") == JsonValue.TRUE) {
            outcome = Outcome.TOOL_ERROR;
        }
        if (trace.wasDenied()) {
            outcome = Outcome.DENIED;
        }
        fire(method, id, target, params, trace, outcome, code, status, bytes);
    }

    /** Reports the request itself, unless one of its messages was reported. */
    void finishRequest(int status, Outcome refusal) {
        if (messageReported.get()) {
            return;
        }
        Outcome outcome = refusal != null ? refusal : outcomeOf(status, errorCode);
        fire(httpMethod, null, null, null, RequestTrace.DISCARDED, outcome,
                outcome == Outcome.RPC_ERROR ? errorCode : null, status, Math.max(0, answerBytes));
    }

    private static Outcome outcomeOf(int status, Integer code) {
        if (status == 401) {
            return Outcome.UNAUTHORIZED;
        }
        if (status == 403) {
            return Outcome.FORBIDDEN;
        }
        if (status == 413) {
            return Outcome.TOO_LARGE;
        }
        return status >= 400 || code != null ? Outcome.RPC_ERROR : Outcome.OK;
    }

    private static String targetOf(JsonObject params) {
        if (params.get("name") instanceof JsonString name) {
            return name.getString();
        }
        return params.get("uri") instanceof JsonString uri ? uri.getString() : null;
    }

    /** The size of {@code text} in UTF-8, without encoding it. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void fire(String method, String id, String target, JsonObject params, RequestTrace trace, Outcome outcome,
                      Integer code, int status, long bytes) {
        observers.accept(new RequestCompleted(at, caller, sessionId, revision, clientName, clientVersion, method, id,
                target, params, trace.toJson(), trace.firstModel(), outcome, code, status, ip, userAgent, (System.nanoTime() - startNanos) / 1_000_000, bytes));
    }
}
