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
 */
public record Caller(String name, long userId, Set<String> groups, Long apiKeyId, String apiKeyPrefix) {
    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller has a name");
        }
        groups = Set.copyOf(groups);
    }

    /** A caller with a name and nothing else (no user record behind it). */
    public static Caller anonymous(String name) {
        return new Caller(name, 0, Set.of(), null, null);
    }

    /** Whether {@code other} is the same user (groups may have changed in between). */
    public boolean sameUser(Caller other) {
        return other != null && userId == other.userId && name.equals(other.name);
    }
}
