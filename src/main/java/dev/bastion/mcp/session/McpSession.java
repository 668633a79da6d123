package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Cancellation;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** One client's session: what it negotiated and what is in flight between the two sides. */
public final class McpSession {

    private final String id;
    private final String callerName;
    private final ProtocolRevision revision;
    private final JsonObject clientCapabilities;
    private final JsonObject clientInfo;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CompletableFuture<JsonRpcMessage>> pendingClientRequests =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cancellation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong nextServerRequestId = new AtomicLong(1);
    private final EventLog events = new EventLog();
    private final Instant created = Instant.now();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile boolean initialized;
    private volatile String logLevel;
    private volatile Instant lastSeen = Instant.now();
    private volatile Consumer<JsonRpcMessage> standaloneStream;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    McpSession(String id, String callerName, ProtocolRevision revision, JsonObject clientCapabilities,
               JsonObject clientInfo) {
        this.id = id;
        this.callerName = callerName;
        this.revision = revision;
        this.clientCapabilities = clientCapabilities;
        this.clientInfo = clientInfo;
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

    public boolean initialized() {
        return initialized;
    }

    public void markInitialized() {
        initialized = true;
    }

    /** The minimum log level the client asked for, or null to send every level. */
    public String logLevel() {
        return logLevel;
    }

    public void logLevel(String level) {
        this.logLevel = level;
    }

    /** What this session's POST response streams sent, for resumption. */
    public EventLog events() {
        return events;
    }

    public Set<String> subscriptions() {
        return subscriptions;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public void touch() {
        lastSeen = Instant.now();
    }

    public Instant created() {
        return created;
    }

    /** How many JSON-RPC requests the client sent in this session so far. */
    public long requestCount() {
        return requests.get();
    }

    /** How many GET streams (the server's stream, resumed streams, the legacy connection) are open. */
    public int openStreams() {
        return openStreams.get();
    }

    /** A GET stream of this session opened; {@link #streamClosed} follows when it closes. */
    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    /** The server-to-client stream opened by GET, if any. */
    public Optional<Consumer<JsonRpcMessage>> standaloneStream() {
        return Optional.ofNullable(standaloneStream);
    }

    public void standaloneStream(Consumer<JsonRpcMessage> stream) {
        this.standaloneStream = stream;
    }

    /** Registers a server-to-client request and returns its id and the future of its answer. */
    public PendingRequest newClientRequest() {
        String requestId = "srv-" + nextServerRequestId.getAndIncrement();
        CompletableFuture<JsonRpcMessage> answer = new CompletableFuture<>();
        pendingClientRequests.put(requestId, answer);
        answer.whenComplete((r, e) -> pendingClientRequests.remove(requestId));
        return new PendingRequest(requestId, answer);
    }

    /** A server-to-client request awaiting the client's response. */
    public record PendingRequest(String id, CompletableFuture<JsonRpcMessage> answer) {
    }

    /** Hands a client's response to the request waiting for it; false when nobody waits. */
    public boolean completeClientRequest(JsonValue id, JsonRpcMessage response) {
        String key = id instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(id);
        CompletableFuture<JsonRpcMessage> answer = pendingClientRequests.get(key);
        return answer != null && answer.complete(response);
    }

    /** Tracks a client request while it runs, so {@code notifications/cancelled} can stop it. */
    public Cancellation startRequest(JsonValue id) {
        requests.incrementAndGet();
        Cancellation cancellation = new Cancellation();
        inFlight.put(String.valueOf(id), cancellation);
        return cancellation;
    }

    public void endRequest(JsonValue id) {
        inFlight.remove(String.valueOf(id));
    }

    /** Marks a running request cancelled; unknown ids are ignored, as the spec says. */
    public void cancelRequest(JsonValue id) {
        Cancellation running = inFlight.get(String.valueOf(id));
        if (running != null) {
            running.cancel();
        }
    }

    /** Runs {@code action} when the session ends (deleted or expired), e.g. to close its GET stream. */
    public void onClose(Runnable action) {
        onClose.add(action);
    }

    /** Ends everything in flight and closes its streams: the session is being closed. */
    void close() {
        inFlight.values().forEach(Cancellation::cancel);
        pendingClientRequests.values().forEach(f -> f.cancel(false));
        standaloneStream = null;
        onClose.forEach(Runnable::run);
    }
}
