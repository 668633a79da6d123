package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.platform.cluster.Grid;
import dev.bastion.platform.cluster.GridUnavailable;
import dev.bastion.platform.cluster.SharedMap;
import dev.bastion.platform.cluster.Topic;
import dev.bastion.settings.SettingChanged;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions whose state lives in the grid's session map and whose runtime lives on the nodes
 * that serve them, expired after the idle TTL ({@code bastion.session.ttl}). The TTL is read
 * at every check, so a change applies at once: a request with an expired id gets 404, and the
 * reaper, whose pace follows the TTL, closes what idles past it here.
 *
 * <p>Touching a session on every request would be a grid write per request, which on a cluster
 * is a network round trip to the entry's owner. So a request writes the state only when the
 * last written {@code lastSeen} is older than the {@linkplain #touchInterval touch interval}
 * (0 on a single node, where a write is a map put; a tenth of the TTL, at most 30 s, on a
 * cluster), and expiry allows for that much: a session idle for the TTL expires within the TTL
 * and the TTL plus the interval, never earlier. Every other change (initialized, log level,
 * subscriptions, streams) is written at once, as one atomic update of the whole state.
 */
@ApplicationScoped
public class SharedSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(SharedSessionStore.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LONGEST_TOUCH_INTERVAL = Duration.ofSeconds(30);
    /** How long a resumption waits for the other nodes to say whether one of them knows the stream. */
    private static final Duration RESUME_WAIT = Duration.ofSeconds(3);

    /** This node's runtime of each session it served. */
    private final ConcurrentHashMap<String, McpSession> here = new ConcurrentHashMap<>();

    private final McpSession.Shared shared = new McpSession.Shared() {
        @Override
        public SessionState update(String id, UnaryOperator<SessionState> change) {
            return SharedSessionStore.this.update(id, change);
        }

        @Override
        public void elsewhere(SessionSignal signal) {
            publish(signal);
        }

        @Override
        public String node() {
            return SharedSessionStore.this.node();
        }
    };

    @Inject
    SettingsService settings;

    @Inject
    Grid grid;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private SharedMap<SessionState> states;
    /** Which node took up each cross-node resumption (by relay id), so the asking node knows one did. */
    private SharedMap<String> resumptions;
    private Topic<SessionSignal> signals;
    /** Where the messages of streams resumed here from another node's log go, by relay id. */
    private final ConcurrentHashMap<String, Consumer<JsonRpcMessage>> relaysHere = new ConcurrentHashMap<>();
    private ScheduledFuture<?> reaper;

    @PostConstruct
    void start() {
        connect();
        startReaper();
    }

    /**
     * Reaches the session map and topic of the grid. The map's entries never expire by
     * themselves: the TTL is a live setting, a map's expiry is fixed, so the reapers remove what
     * idled past the TTL as it is now. Whichever node removes an entry, every node hears it and
     * closes what it holds of that session.
     */
    void connect() {
        states = grid.map("sessions", Duration.ZERO);
        states.onRemoval((id, cause) -> forget(id));
        resumptions = grid.map("session-resumptions", RESUME_WAIT.multipliedBy(10));
        signals = grid.topic("session-signals");
        signals.subscribe(this::received);
    }

    synchronized void startReaper() {
        stopReaper();
        long every = reaperPeriod(ttl()).toMillis();
        reaper = scheduler.scheduleWithFixedDelay(this::reapExpired, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stopReaper() {
        if (reaper != null) {
            reaper.cancel(false);
        }
    }

    /** A quarter of the TTL, between 1 and 30 seconds: a short TTL is enforced closely, a long one cheaply. */
    static Duration reaperPeriod(Duration ttl) {
        Duration quarter = ttl.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : quarter;
    }

    /** How old the written {@code lastSeen} may grow before a request writes it again. */
    static Duration touchInterval(Duration ttl, boolean clustered) {
        if (!clustered) {
            return Duration.ZERO;
        }
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(LONGEST_TOUCH_INTERVAL) > 0 ? LONGEST_TOUCH_INTERVAL : tenth;
    }

    void ttlChanged(@Observes SettingChanged change) {
        if (change.key() == SettingKey.SESSION_TTL) {
            startReaper();
        }
    }

    private Duration ttl() {
        return settings.getDuration(SettingKey.SESSION_TTL);
    }

    private Duration touchInterval() {
        return touchInterval(ttl(), grid.clustered());
    }

    @Override
    public String node() {
        return grid.nodeName();
    }

    @Override
    public McpSession create(String callerName, ProtocolRevision revision, JsonObject clientCapabilities,
                             JsonObject clientInfo) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        SessionState state = SessionState.created(HexFormat.of().formatHex(bytes), callerName, revision,
                clientCapabilities, clientInfo, Instant.now());
        McpSession session = new McpSession(state, shared);
        states.put(state.id(), state);
        here.put(state.id(), session);
        return session;
    }

    @Override
    public Optional<McpSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        SessionState state = states.get(id).orElse(null);
        McpSession session = here.get(id);
        if (state == null) {
            if (session != null) {
                forget(id);
            }
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (expiresAt(state, session).isBefore(now)) {
            remove(id);
            return Optional.empty();
        }
        if (session == null) {
            session = here.computeIfAbsent(id, absent -> new McpSession(state, shared));
        }
        session.state(state);
        session.seenHere(now);
        if (!state.lastSeen().plus(touchInterval()).isAfter(now)) {
            touch(session, now);
        }
        return Optional.of(session);
    }

    /**
     * Writes that the session was seen now, with the requests this node counted since its last
     * write. Bookkeeping: when the grid does not answer, the request goes on and the next one
     * tries again.
     */
    private void touch(McpSession session, Instant now) {
        long requests = session.takeUnwrittenRequests();
        try {
            session.state(update(session.id(), s -> s.seen(now, requests)));
        } catch (GridUnavailable e) {
            LOG.log(Level.FINE, "Session " + session.id() + " not touched: the grid did not answer", e);
        }
    }

    @Override
    public boolean remove(String id) {
        boolean existed = states.remove(id);
        forget(id);
        return existed;
    }

    /** Closes what this node holds of session {@code id}. */
    private void forget(String id) {
        McpSession session = here.remove(id);
        if (session != null) {
            session.close();
        }
    }

    @Override
    public Collection<McpSession> here() {
        return List.copyOf(here.values());
    }

    @Override
    public Optional<SessionState> current(McpSession session) {
        Optional<SessionState> state = states.get(session.id());
        state.ifPresent(session::state);
        return state;
    }

    @Override
    public Collection<SessionState> all() {
        Instant now = Instant.now();
        // An expired session the reaper has not reached yet is not live: its id already gets 404.
        return states.values().stream().filter(s -> !expiresAt(s).isBefore(now)).toList();
    }

    @Override
    public Instant expiresAt(SessionState state) {
        return expiresAt(state, here.get(state.id()));
    }

    /** By the state as read now and, when this node served the session, its own last request. */
    private Instant expiresAt(SessionState state, McpSession session) {
        Instant lastSeen = session == null || state.lastSeen().isAfter(session.lastSeenHere()) ? state.lastSeen()
                : session.lastSeenHere();
        return lastSeen.plus(ttl()).plus(touchInterval());
    }

    @Override
    public long requestsNotShared(String id) {
        McpSession session = here.get(id);
        return session == null ? 0 : session.unwrittenRequests();
    }

    /**
     * Applies {@code change} to the shared state of session {@code id}, retrying when another
     * request (here or on another node) wrote it in between.
     *
     * @return the state written, or null when the session is gone
     */
    SessionState update(String id, UnaryOperator<SessionState> change) {
        return states.update(id, s -> s == null ? null : change.apply(s)).orElse(null);
    }

    /** Tells the other nodes; a signal the grid could not carry is as lost as a client's message on a broken line. */
    private void publish(SessionSignal signal) {
        try {
            signals.publish(signal, Duration.ZERO);
        } catch (GridUnavailable e) {
            LOG.log(Level.WARNING, "Could not tell the other nodes " + signal, e);
        }
    }

    /**
     * Event logs stay on the node that ran the request (a write to the grid per event would tax
     * every streamed answer for the rare broken connection): a resumption that lands elsewhere
     * asks the other nodes, and the one whose log has the stream relays it over the topic. If
     * that node died, so did the request: no node answers, and the client gets the 404 that
     * tells it to send the request again, rather than a replay that would never end in a response.
     */
    @Override
    public boolean resume(McpSession session, String streamId, long afterSeq, Consumer<JsonRpcMessage> to) {
        if (session.events().resume(streamId, afterSeq, to)) {
            return true;
        }
        if (!grid.clustered()) {
            return false;
        }
        String relayId = UUID.randomUUID().toString();
        relaysHere.put(relayId, to);
        try {
            signals.publish(new SessionSignal.ResumeAsked(session.id(), streamId, afterSeq, relayId), RESUME_WAIT);
            if (resumptions.get(relayId).isPresent()) {
                session.onClose(() -> relaysHere.remove(relayId));
                return true;
            }
        } catch (GridUnavailable e) {
            LOG.log(Level.WARNING, "Could not ask the other nodes for stream " + streamId, e);
        }
        relaysHere.remove(relayId);
        return false;
    }

    /** Relays stream {@code asked.streamId()} from this node's log, when it has it. */
    private void relay(McpSession session, SessionSignal.ResumeAsked asked) {
        if (!session.events().knows(asked.streamId())) {
            return;
        }
        resumptions.put(asked.relayId(), node());
        session.events().resume(asked.streamId(), asked.afterSeq(), message -> publish(
                new SessionSignal.Relayed(asked.sessionId(), asked.relayId(), message.toJson().toString())));
    }

    /** A signal of another node: only the runtime this node holds of that session is concerned. */
    void received(SessionSignal signal) {
        McpSession session = here.get(signal.sessionId());
        if (session == null) {
            return;
        }
        try {
            if (signal instanceof SessionSignal.ResumeAsked asked) {
                relay(session, asked);
            } else if (signal instanceof SessionSignal.Relayed relayed) {
                Consumer<JsonRpcMessage> to = relaysHere.get(relayed.relayId());
                if (to != null) {
                    to.accept(JsonRpcParser.message(JsonRpcParser.parseBody(relayed.message())));
                }
            } else if (signal instanceof SessionSignal.Cancelled cancelled) {
                session.cancelHere(cancelled.requestId());
            } else if (signal instanceof SessionSignal.ClientAnswered answered) {
                JsonRpcMessage response = JsonRpcParser.message(JsonRpcParser.parseBody(answered.response()));
                if (response instanceof JsonRpcMessage.Response r) {
                    session.completeHere(r.id(), r);
                } else if (response instanceof JsonRpcMessage.ErrorResponse e) {
                    session.completeHere(e.id(), e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not apply " + signal.getClass().getSimpleName() + " to session "
                    + signal.sessionId(), e);
        }
    }

    /**
     * Removes from the grid every session that idled past the TTL (whichever node served it:
     * a node that died reaps nothing), lets go here of what another node removed, and writes
     * the requests counted here since the last write, so every node's list is at most a reaper
     * period behind.
     */
    void reapExpired() {
        Instant now = Instant.now();
        Set<String> live = new HashSet<>();
        for (SessionState state : states.values()) {
            if (expiresAt(state).isBefore(now)) {
                remove(state.id());
            } else {
                live.add(state.id());
            }
        }
        // Asked again one by one: a session created while the snapshot was taken is not in it.
        here.keySet().stream().filter(id -> !live.contains(id) && states.get(id).isEmpty()).toList()
                .forEach(this::forget);
        for (McpSession session : here.values()) {
            if (session.unwrittenRequests() > 0) {
                touch(session, session.lastSeenHere());
            }
        }
    }
}
