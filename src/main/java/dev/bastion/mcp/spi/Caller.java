package dev.bastion.mcp.spi;

import java.util.Set;

/**
 * Who is calling, as authentication established it once for the request: features take the
 * user from here and never look it up again.
 *
 * @param name         the login; never blank
 * @param userId       the {@code res.users} id; 0 for the fixed anonymous caller of test deployments
 * @param groups       the user's effective groups by stable name
 * @param apiKeyId     the API key the request carried, or null
 * @param apiKeyPrefix that key's stored prefix, or null
 * @param scopes       the effective scopes the credentials carry (an OAuth token's, an API key's), which only
 *                     narrow the user's rights; null when nothing narrows them (the anonymous caller)
 * @param oauthClient  the OAuth client the access token was issued to, or null
 */
public record Caller(String name, long userId, Set<String> groups, Long apiKeyId, String apiKeyPrefix,
                     Set<String> scopes, String oauthClient) {
    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller has a name");
        }
        groups = Set.copyOf(groups);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** A caller with a name and nothing else (no user record behind it). */
    public static Caller anonymous(String name) {
        return new Caller(name, 0, Set.of(), null, null, null, null);
    }

    /** Whether the credentials allow what needs {@code scope} (null: a thing no scope guards). */
    public boolean permits(String scope) {
        return scope == null || scopes == null || scopes.contains(scope);
    }

    /** Whether {@code other} is the same user (groups may have changed in between). */
    public boolean sameUser(Caller other) {
        return other != null && userId == other.userId && name.equals(other.name);
    }
}
