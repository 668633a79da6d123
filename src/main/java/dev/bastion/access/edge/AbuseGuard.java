package dev.bastion.access.edge;

import dev.bastion.platform.cluster.Grid;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.IPAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-IP brute-force lockout and per-user rate limit, with the live limits of the settings,
 * counted in the {@link Grid} (this node's memory, or the cluster's data grid, where they are
 * global). Bookkeeping never fails a request: when the grid does not answer, the request is
 * let through uncounted and a warning logged (at most one a minute).
 */
@ApplicationScoped
public class AbuseGuard {

    private static final Logger LOG = Logger.getLogger(AbuseGuard.class.getName());

    @Inject
    SettingsService settings;

    @Inject
    Grid grid;

    private Lockouts lockouts;
    private RequestCounter requests;
    private final AtomicLong lastWarning = new AtomicLong();

    @PostConstruct
    void start() {
        lockouts = new Lockouts(Clock.systemUTC(), grid);
        requests = new RequestCounter(Clock.systemUTC(), grid);
    }

    /** How long {@code client} is still locked out after failed authentications. */
    public Optional<Duration> lockedFor(IPAddress client) {
        return client == null ? Optional.empty()
                : bookkeeping("read the lockout of " + client, () -> lockouts.lockedFor(client.toCanonicalString()),
                Optional.empty());
    }

    public void authenticationFailed(IPAddress client) {
        if (client != null) {
            bookkeeping("count a failed authentication", () -> {
                lockouts.failure(client.toCanonicalString(), settings.getCount(SettingKey.LOCKOUT_THRESHOLD),
                        settings.getDuration(SettingKey.LOCKOUT_WINDOW), settings.getDuration(SettingKey.LOCKOUT_PERIOD));
                return null;
            }, null);
        }
    }

    public void authenticationSucceeded(IPAddress client) {
        if (client != null) {
            bookkeeping("clear failed authentications", () -> {
                lockouts.success(client.toCanonicalString(), settings.getDuration(SettingKey.LOCKOUT_WINDOW));
                return null;
            }, null);
        }
    }

    /** Counts a request of {@code login}; when over the limit, how long until it may send again. */
    public Optional<Duration> overRateLimit(String login) {
        return bookkeeping("count a request", () -> requests.acquire(login, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE)),
                Optional.empty());
    }

    private <T> T bookkeeping(String what, Supplier<T> work, T otherwise) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                LOG.log(Level.WARNING, "Could not " + what + " (let through uncounted): " + e, e);
            }
            return otherwise;
        }
    }
}
