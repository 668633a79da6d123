package dev.bastion.access;

import dev.bastion.erp.base.User;
import dev.bastion.orm.InvalidRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues, checks and revokes API keys. A key is {@code bst_} followed by 43 URL-safe
 * characters (256 random bits); only its first {@value #PREFIX_LENGTH} characters and its
 * SHA-256 are stored. Checking compares hashes in constant time and does the same work whether
 * or not a key with that prefix exists.
 */
@ApplicationScoped
@Transactional
public class ApiKeys {

    static final int PREFIX_LENGTH = 12;
    static final int MIN_KEY_LENGTH = 32;
    private static final byte[] NO_KEY = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just issued: the only moment its secret is known. */
    public record Issued(long id, String key, String prefix) {
    }

    /**
     * A key that passed verification: what requests made with it need to know.
     *
     * @param expires when it stops working (UTC), or null
     * @param scopes  its effective scopes ({@link Scopes#effective}; all for a key without a scope list)
     */
    public record VerifiedKey(long keyId, String prefix, long userId, String login, LocalDateTime expires,
                              Set<String> scopes) {
        /** Whether it still works at {@code now} (UTC). */
        public boolean validAt(LocalDateTime now) {
            return expires == null || now.isBefore(expires);
        }
    }

    @Inject
    EntityManager em;

    /** Issues a new random key for {@code user}, valid until {@code expires} (UTC; null: no expiry). */
    public Issued issue(User user, String name, LocalDateTime expires) {
        return issue(user, name, expires, null);
    }

    /**
     * Issues a new random key for {@code user} narrowed to {@code scopes} (space-separated, see
     * {@link Scopes}; null or blank: everything the user may do).
     */
    public Issued issue(User user, String name, LocalDateTime expires, String scopes) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return register(user, name, "bst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), expires,
                scopes);
    }

    /**
     * Issues a key for the active user {@code userId} themselves (the console's "My account"): the
     * caller names no other user, so no right on users is needed.
     */
    public Issued issueOwn(long userId, String name, LocalDateTime expires) {
        User user = em.find(User.class, userId);
        if (user == null || !user.isActive()) {
            throw new InvalidRequest("only an active user can be given an API key");
        }
        return issue(user, name, expires);
    }

    /** Stores a key chosen by ops (BASTION_ADMIN_API_KEY) for {@code user}. */
    public Issued register(User user, String name, String key, LocalDateTime expires) {
        return register(user, name, key, expires, null);
    }

    private Issued register(User user, String name, String key, LocalDateTime expires, String scopes) {
        Set<String> narrowed = Scopes.parse(scopes);
        if (key == null || key.length() < MIN_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidRequest("an API key has at least " + MIN_KEY_LENGTH
                    + " printable ASCII characters and no spaces");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidRequest("an API key needs a name saying what it is for");
        }
        LocalDateTime now = now();
        if (expires != null && !expires.isAfter(now)) {
            throw new InvalidRequest("the expiry date of an API key must be in the future");
        }
        ApiKey stored = new ApiKey(em.contains(user) ? user : em.find(User.class, user.getId()), name.strip(),
                key.substring(0, PREFIX_LENGTH), hex(sha256(key)), now, expires,
                narrowed.isEmpty() ? null : Scopes.format(narrowed));
        em.persist(stored);
        em.flush();
        return new Issued(stored.getId(), key, stored.getPrefix());
    }

    /**
     * The key {@code key} is, when it is known, not revoked, not expired and its user is
     * active; empty otherwise, with no hint of which. Reads only: when the key was last used is
     * {@link KeyUsage}'s business.
     */
    public Optional<VerifiedKey> verify(String key) {
        byte[] presented = sha256(key);
        List<ApiKey> candidates = key.length() < PREFIX_LENGTH ? List.of()
                : em.createQuery("select k from ApiKey k where k.prefix = :prefix", ApiKey.class)
                .setParameter("prefix", key.substring(0, PREFIX_LENGTH)).getResultList();
        ApiKey match = null;
        boolean any = false;
        for (ApiKey candidate : candidates) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(candidate.getHash()))) {
                match = candidate;
            }
            any = true;
        }
        if (!any) {
            MessageDigest.isEqual(presented, NO_KEY);
        }
        if (match == null || !match.validAt(now()) || !match.getUser().isActive()) {
            return Optional.empty();
        }
        User user = match.getUser();
        return Optional.of(new VerifiedKey(match.getId(), match.getPrefix(), user.getId(), user.getLogin(),
                match.getExpires(), match.getScopes() == null ? Scopes.ALL : Scopes.effective(Scopes.parse(match.getScopes()))));
    }

    /**
     * Stores when keys were last used, each only forward in time. A bulk update: it neither
     * bumps the keys' versions (so it cannot collide with a revocation) nor counts as a change
     * of the keys for the caches.
     */
    public void markUsed(Map<Long, LocalDateTime> lastUsed) {
        lastUsed.forEach((id, at) -> em.createQuery(
                        "update ApiKey k set k.lastUsed = :at where k.id = :id and (k.lastUsed is null or k.lastUsed < :at)")
                .setParameter("at", at).setParameter("id", id).executeUpdate());
    }

    /** Revokes the key; revoking twice keeps the first date. */
    public void revoke(ApiKey key) {
        (em.contains(key) ? key : em.find(ApiKey.class, key.getId())).revoke(now());
    }

    /** Whether {@code user} has ever been given a key. */
    public boolean hasKeys(User user) {
        return em.createQuery("select count(k) from ApiKey k where k.user = :user", Long.class)
                .setParameter("user", user).getSingleResult() > 0;
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
