package dev.bastion.access.edge;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-IP brute-force lockout and per-user rate limit, with the live limits of the settings.
 * Both are kept in this server's memory.
 */
@ApplicationScoped
public class AbuseGuard {

    private static final int MAX_TRACKED = 100_000;

    @Inject
    SettingsService settings;

    private final Lockouts lockouts = new Lockouts(Clock.systemUTC(), MAX_TRACKED);
    private final RequestCounter requests = new RequestCounter(Clock.systemUTC(), MAX_TRACKED);

    /** How long {@code client} is still locked out after failed authentications. */
    public Optional<Duration> lockedFor(IPAddress client) {
        return client == null ? Optional.empty() : lockouts.lockedFor(client.toCanonicalString());
    }

    public void authenticationFailed(IPAddress client) {
        if (client != null) {
            lockouts.failure(client.toCanonicalString(), settings.getCount(SettingKey.LOCKOUT_THRESHOLD),
                    settings.getDuration(SettingKey.LOCKOUT_WINDOW), settings.getDuration(SettingKey.LOCKOUT_PERIOD));
        }
    }

    public void authenticationSucceeded(IPAddress client) {
        if (client != null) {
            lockouts.success(client.toCanonicalString());
        }
    }

    /** Counts a request of {@code login}; when over the limit, how long until it may send again. */
    public Optional<Duration> overRateLimit(String login) {
        return requests.acquire(login, settings.getCount(SettingKey.RATE_LIMIT_PER_MINUTE));
    }
}
