package dev.bastion.access;

import java.util.Set;

/**
 * Who a request to {@code /mcp} authenticated as, established once by
 * {@link BastionAuthentication} and carried as the request attribute {@link #ATTRIBUTE}: the
 * transport turns it into the MCP caller, and nothing looks the user up again.
 *
 * @param userId       the {@code res.users} id
 * @param login        the user's login
 * @param groups       the user's effective groups by stable name ({@code base.group_mcp_user})
 * @param apiKeyId     the API key's id, or null when no key was used (test deployments' anonymous caller)
 * @param apiKeyPrefix the API key's stored prefix, or null
 */
public record Authenticated(long userId, String login, Set<String> groups, Long apiKeyId, String apiKeyPrefix) {

    public static final String ATTRIBUTE = Authenticated.class.getName();

    public Authenticated {
        groups = Set.copyOf(groups);
    }
}
