package dev.bastion.oauth;

import java.io.Serializable;
import java.util.Set;

/**
 * An authorization request that passed every check, waiting for the user's consent.
 *
 * @param clientId      the client
 * @param clientName    its name, for the consent page
 * @param redirectUri   one of its registered redirect URIs
 * @param state         the client's {@code state}, or null
 * @param codeChallenge PKCE S256 challenge
 * @param scopes        the scopes asked for (never empty)
 * @param resource      the resource the token will be for (RFC 8707)
 * @param issuer        this authorization server's issuer, for the {@code iss} of the answer (RFC 9207)
 */
public record AuthorizationRequest(String clientId, String clientName, String redirectUri, String state,
                                   String codeChallenge, Set<String> scopes, String resource, String issuer)
        implements Serializable {

    public AuthorizationRequest {
        scopes = Set.copyOf(scopes);
    }

    /** Where the client's codes go, for the consent page (host and port). */
    public String redirectHost() {
        java.net.URI uri = java.net.URI.create(redirectUri);
        return uri.getHost() == null ? uri.getScheme() + ":" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
