package dev.bastion.mcp.session;

import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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

/** Sessions in this node's memory, expired after the idle TTL ({@code bastion.session.ttl}). */
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
    void startReaper() {
        reaper = scheduler.scheduleWithFixedDelay(this::reapExpired, 30, 30, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopReaper() {
        if (reaper != null) {
            reaper.cancel(false);
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

    private boolean expired(McpSession session, Instant now) {
        Duration ttl = settings.getDuration(SettingKey.SESSION_TTL);
        return session.lastSeen().plus(ttl).isBefore(now);
    }

    void reapExpired() {
        Instant now = Instant.now();
        sessions.values().stream().filter(s -> expired(s, now)).map(McpSession::id).forEach(this::remove);
    }
}
