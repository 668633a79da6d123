package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Cancellation;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One client's session as this node holds it: the shared {@link SessionState} (as last read
 * from the grid, written through on every change) and what only this node can hold — its GET
 * streams, the futures of server-to-client requests it sent, the cancellation flags of the
 * requests it runs, the followers of its event log. What arrives on another node for these
 * (a cancellation, a client's answer, the end of the session) reaches them through
 * {@link SessionStore}.
 */
public final class McpSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a session writes its shared state and reaches the other nodes: its store. */
    interface Shared {
        /** Applies {@code change} to the shared state; null when the session is gone. */
        SessionState update(String id, UnaryOperator<SessionState> change);

        /** Tells the other nodes (this node handled what it could). */
        void elsewhere(SessionSignal signal);

        /** This node's name. */
        String node();
    }

    private final String id;
    private final String callerName;
    private final ProtocolRevision revision;
    private final JsonObject clientCapabilities;
    private final JsonObject clientInfo;
    private final Shared shared;
    private volatile SessionState state;
    private final ConcurrentHashMap<String, CompletableFuture<JsonRpcMessage>> pendingClientRequests =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cancellation> inFlight = new ConcurrentHashMap<>();
    /** Tells this node's server-to-client request ids from another node's for the same session. */
    private final String requestIdPrefix;
    private final AtomicLong nextServerRequestId = new AtomicLong(1);
    private final EventLog events = new EventLog();
    /** Requests served here since the last write of the state. */
    private final AtomicLong unwrittenRequests = new AtomicLong();
    private volatile Instant lastSeenHere;
    private volatile Consumer<JsonRpcMessage> standaloneStream;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    McpSession(SessionState state, Shared shared) {
        this.id = state.id();
        this.callerName = state.callerName();
        this.revision = state.protocolRevision();
        this.clientCapabilities = state.capabilitiesJson();
        this.clientInfo = state.clientInfoJson();
        this.shared = shared;
        this.state = state;
        this.lastSeenHere = state.lastSeen();
        byte[] tag = new byte[3];
        RANDOM.nextBytes(tag);
        this.requestIdPrefix = "srv-" + HexFormat.of().formatHex(tag) + "-";
    }

    public String id() {
        return id;
    }

    /** The login of the caller who created the session; nobody else may use it. */
    public String callerName() {
        return callerName;
    }

    public ProtocolRevision revision() {
        return revision;
    }

    public JsonObject clientCapabilities() {
        return clientCapabilities;
    }

    public JsonObject clientInfo() {
        return clientInfo;
    }

    /** The shared state as this node last read or wrote it. */
    public SessionState state() {
        return state;
    }

    void state(SessionState latest) {
        if (latest != null) {
            state = latest;
        }
    }

    private void write(UnaryOperator<SessionState> change) {
        state(shared.update(id, change));
    }

    public boolean initialized() {
        return state.initialized();
    }

    public void markInitialized() {
        if (!state.initialized()) {
            write(s -> s.initialized(true));
        }
    }

    /** The minimum log level the client asked for, or null to send every level. */
    public String logLevel() {
        return state.logLevel();
    }

    public void logLevel(String level) {
        write(s -> s.logLevel(level));
    }

    /** The resource URIs this session subscribed to (on whichever node). */
    public Set<String> subscriptions() {
        return Set.copyOf(state.subscriptions());
    }

    public void subscribe(String uri) {
        write(s -> s.subscribed(uri, true));
    }

    public void unsubscribe(String uri) {
        write(s -> s.subscribed(uri, false));
    }

    /** What this node's POST response streams of the session sent, for resumption. */
    public EventLog events() {
        return events;
    }

    /** The last request, here or (as far as the grid was told) on another node. */
    public Instant lastSeen() {
        Instant shared = state.lastSeen();
        return lastSeenHere.isAfter(shared) ? lastSeenHere : shared;
    }

    /** When this node last served a request of the session. */
    Instant lastSeenHere() {
        return lastSeenHere;
    }

    /** A request arrived here now. */
    void seenHere(Instant now) {
        lastSeenHere = now;
    }

    /** Requests counted here and not written yet; taking them resets the count. */
    long takeUnwrittenRequests() {
        return unwrittenRequests.getAndSet(0);
    }

    long unwrittenRequests() {
        return unwrittenRequests.get();
    }

    public Instant created() {
        return state.created();
    }

    /** How many JSON-RPC requests the client sent in this session so far (those of other nodes as of their last write). */
    public long requestCount() {
        return state.requests() + unwrittenRequests.get();
    }

    /** How many GET streams (the server's stream, resumed streams, the legacy connection) are open, on every node. */
    public int openStreams() {
        return state.openStreams();
    }

    /**
     * A GET stream of this session opened here; {@link #streamClosed} follows when it closes.
     *
     * @param serverStream whether it is the server-to-client stream (GET without
     *                     {@code Last-Event-ID}, or the legacy connection): then this node holds it
     */
    public void streamOpened(boolean serverStream) {
        write(s -> s.stream(+1, shared.node(), serverStream));
    }

    public void streamClosed(boolean serverStream) {
        if (!closed.get()) {
            write(s -> s.stream(-1, shared.node(), serverStream));
        }
    }

    /** The server-to-client stream opened by GET, if this node holds it. */
    public Optional<Consumer<JsonRpcMessage>> standaloneStream() {
        return Optional.ofNullable(standaloneStream);
    }

    public void standaloneStream(Consumer<JsonRpcMessage> stream) {
        this.standaloneStream = stream;
    }

    /** Registers a server-to-client request and returns its id and the future of its answer. */
    public PendingRequest newClientRequest() {
        String requestId = requestIdPrefix + nextServerRequestId.getAndIncrement();
        CompletableFuture<JsonRpcMessage> answer = new CompletableFuture<>();
        pendingClientRequests.put(requestId, answer);
        answer.whenComplete((r, e) -> pendingClientRequests.remove(requestId));
        return new PendingRequest(requestId, answer);
    }

    /** A server-to-client request awaiting the client's response. */
    public record PendingRequest(String id, CompletableFuture<JsonRpcMessage> answer) {
    }

    /**
     * Hands a client's response to the request waiting for it, here or (through the grid) on
     * the node that sent the request.
     */
    public void completeClientRequest(JsonValue id, JsonRpcMessage response) {
        if (!completeHere(id, response)) {
            shared.elsewhere(new SessionSignal.ClientAnswered(this.id, response.toJson().toString()));
        }
    }

    /** Completes a request this node sent; false when none waits here. */
    boolean completeHere(JsonValue id, JsonRpcMessage response) {
        String key = id instanceof JsonString s ? s.getString() : String.valueOf(id);
        CompletableFuture<JsonRpcMessage> answer = pendingClientRequests.get(key);
        return answer != null && answer.complete(response);
    }

    /** Tracks a client request while it runs here, so {@code notifications/cancelled} can stop it. */
    public Cancellation startRequest(JsonValue id) {
        unwrittenRequests.incrementAndGet();
        Cancellation cancellation = new Cancellation();
        inFlight.put(String.valueOf(id), cancellation);
        return cancellation;
    }

    public void endRequest(JsonValue id) {
        inFlight.remove(String.valueOf(id));
    }

    /**
     * Marks a running request cancelled, here or on the node running it; unknown ids are
     * ignored, as the spec says.
     */
    public void cancelRequest(JsonValue id) {
        if (!cancelHere(id)) {
            shared.elsewhere(new SessionSignal.Cancelled(this.id, String.valueOf(id)));
        }
    }

    boolean cancelHere(JsonValue id) {
        return cancelHere(String.valueOf(id));
    }

    boolean cancelHere(String requestId) {
        Cancellation running = inFlight.get(requestId);
        if (running != null) {
            running.cancel();
        }
        return running != null;
    }

    /** Runs {@code action} when the session ends (deleted or expired), e.g. to close its GET stream. */
    public void onClose(Runnable action) {
        if (closed.get()) {
            action.run();
        } else {
            onClose.add(action);
        }
    }

    /** Whether this node holds anything of the session that must be told when it ends. */
    boolean holdsRuntime() {
        return !inFlight.isEmpty() || !pendingClientRequests.isEmpty() || !onClose.isEmpty();
    }

    /** Ends what this node runs of the session and closes its streams here: the session ended. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            inFlight.values().forEach(Cancellation::cancel);
            pendingClientRequests.values().forEach(f -> f.cancel(false));
            standaloneStream = null;
            onClose.forEach(Runnable::run);
        }
    }
}
