package dev.bastion.access;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When each API key was last used, noted in memory by the request that used it and written in
 * one batch every {@value #FLUSH_SECONDS} s (and at shutdown), off every request's path.
 * Bookkeeping never fails a request: a write that fails is logged and the next batch brings
 * the keys up to date.
 */
@ApplicationScoped
public class KeyUsage {

    private static final Logger LOG = Logger.getLogger(KeyUsage.class.getName());
    static final long FLUSH_SECONDS = 30;

    @Inject
    ApiKeys keys;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<Long, LocalDateTime> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Notes that key {@code keyId} was used now. */
    void used(long keyId) {
        pending.put(keyId, ApiKeys.now());
        if (scheduled.compareAndSet(false, true)) {
            scheduler.scheduleWithFixedDelay(this::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Writes what was noted since the last batch. */
    void flush() {
        Map<Long, LocalDateTime> batch = new HashMap<>();
        pending.keySet().forEach(id -> {
            LocalDateTime at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        try {
            keys.markUsed(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store when " + batch.size() + " API key(s) were last used; retrying with the next batch", e);
            batch.forEach((id, at) -> pending.merge(id, at, (newer, older) -> newer.isAfter(older) ? newer : older));
        }
    }

    @PreDestroy
    void shutdown() {
        flush();
    }
}
