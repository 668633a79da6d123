package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.ProtocolRevision;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sessions in this node's memory, expired after the idle TTL ({@code bastion.session.ttl}). The
 * TTL is read at every check, so a change applies at once: a request with an expired id gets
 * 404, and the reaper, whose pace follows the TTL, closes what idles past it.
 */
@ApplicationScoped
public class InMemorySessionStore implements SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, McpSession> sessions = new ConcurrentHashMap<>();

    @Inject
    SettingsService settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> reaper;

    @PostConstruct
    synchronized void startReaper() {
        stopReaper();
        long every = reaperPeriod(settings.getDuration(SettingKey.SESSION_TTL)).toMillis();
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

    void ttlChanged(@Observes SettingChanged change) {
        if (change.key() == SettingKey.SESSION_TTL) {
            startReaper();
        }
    }

    @Override
    public McpSession create(String callerName, ProtocolRevision revision, JsonObject clientCapabilities,
                             JsonObject clientInfo) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        McpSession session = new McpSession(HexFormat.of().formatHex(bytes), callerName, revision,
                clientCapabilities, clientInfo);
        sessions.put(session.id(), session);
        return session;
    }

    @Override
    public Optional<McpSession> find(String id) {
        McpSession session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session, Instant.now())) {
            remove(id);
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    @Override
    public boolean remove(String id) {
        McpSession session = sessions.remove(id);
        if (session != null) {
            session.close();
        }
        return session != null;
    }

    @Override
    public Collection<McpSession> all() {
        return List.copyOf(sessions.values());
    }

    @Override
    public Instant expiresAt(McpSession session) {
        return session.lastSeen().plus(settings.getDuration(SettingKey.SESSION_TTL));
    }

    private boolean expired(McpSession session, Instant now) {
        return expiresAt(session).isBefore(now);
    }

    void reapExpired() {
        Instant now = Instant.now();
        sessions.values().stream().filter(s -> expired(s, now)).map(McpSession::id).forEach(this::remove);
    }
}
