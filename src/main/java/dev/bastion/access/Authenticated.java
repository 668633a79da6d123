package dev.bastion.access;

import java.util.Set;

/**
 * Who a request to {@code /mcp} authenticated as, established once by
 * {@link BastionAuthentication} and carried as the request attribute {@link #ATTRIBUTE}: the
 * transport turns it into the MCP caller, and nothing looks the user up again. An OAuth access
 * token yields the same as an API key: the user behind it, with the token's scopes and client.
 *
 * @param userId       the {@code res.users} id
 * @param login        the user's login
 * @param groups       the user's effective groups by stable name ({@code base.group_mcp_user})
 * @param apiKeyId     the API key's id, or null when no key was used (OAuth, test deployments' anonymous caller)
 * @param apiKeyPrefix the API key's stored prefix, or null
 * @param scopes       the effective scopes ({@link Scopes#effective}): what the credentials narrow the user's rights to
 * @param oauthClient  the OAuth client the access token was issued to ({@code client_id}), or null for API keys
 */
public record Authenticated(long userId, String login, Set<String> groups, Long apiKeyId, String apiKeyPrefix,
                            Set<String> scopes, String oauthClient) {

    public static final String ATTRIBUTE = Authenticated.class.getName();

    public Authenticated {
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }
}
