package dev.bastion.access;

import dev.bastion.orm.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * API keys verified recently, by the SHA-256 of the whole key, so that a client's every
 * request is not a database round trip. Any committed change of keys or users (a revocation,
 * a user archived or renamed) clears them before the changing call returns, so the very next
 * request is checked against the database again; groups come from {@link Memberships}, which
 * is cleared the same way. Only valid keys are kept: a wrong key always costs a lookup (and
 * counts toward the per-IP lockout).
 */
@ApplicationScoped
public class VerifiedKeys {

    private static final Set<String> SOURCES = Set.of("res.users.apikeys", "res.users");
    /** Bounds what a change made outside this node's data engine can leave behind. */
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final int MAX_KEYS = 10_000;

    @Inject
    ApiKeys keys;

    @Inject
    Memberships memberships;

    @Inject
    KeyUsage usage;

    private final DerivedCache<String, ApiKeys.VerifiedKey> verified = new DerivedCache<>(MAX_AGE, MAX_KEYS);

    /** Who {@code key} authenticates, or empty when it is unknown, revoked, expired or its user archived. */
    public Optional<Authenticated> authenticate(String key) {
        String hash = HexFormat.of().formatHex(ApiKeys.sha256(key));
        Optional<ApiKeys.VerifiedKey> found = verified.get(hash, h -> keys.verify(key))
                .filter(k -> k.validAt(ApiKeys.now()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKeys.VerifiedKey k = found.get();
        usage.used(k.keyId());
        return Optional.of(new Authenticated(k.userId(), k.login(), memberships.of(k.userId()).xmlIds(), k.keyId(),
                k.prefix(), k.scopes(), null));
    }

    void changed(@Observes ChangesCommitted change) {
        if (change.touches(SOURCES)) {
            verified.clear();
        }
    }
}
