package dev.bastion.oauth;

import dev.bastion.access.Authenticated;
import dev.bastion.access.BearerTokens;
import dev.bastion.access.Memberships;
import dev.bastion.access.Scopes;
import dev.bastion.erp.base.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;

/**
 * The resource server's side of the embedded authorization server's access tokens: a token is
 * good when its row says it is unexpired and unrevoked, its grant live, its user active, and it
 * was issued for one of the identifiers this server answers to (RFC 8707; MCP authorization,
 * "Token Handling": tokens for any other audience are refused). Then the caller is the token's
 * user exactly as with an API key, narrowed to the token's scopes and naming its client.
 *
 * <p>One primary-key read per request and no cache: a revocation (by the user, an administrator,
 * a reused refresh token) counts on the next request on every node.
 */
@ApplicationScoped
public class AccessTokens implements BearerTokens {

    @Inject
    EntityManager em;

    @Inject
    Memberships memberships;

    /** Only the token's form: runs for every bearer credential, so it stays outside any transaction. */
    @Override
    public boolean recognises(String token) {
        return token.startsWith(Tokens.ACCESS_PREFIX);
    }

    @Override
    @Transactional
    public Optional<Authenticated> authenticate(String token, Set<String> audiences) {
        IssuedToken stored = em.find(IssuedToken.class, Tokens.hash(token));
        if (stored == null || !IssuedToken.ACCESS.equals(stored.kind) || !stored.validAt(Tokens.now())
                || !audiences.contains(stored.resource)) {
            return Optional.empty();
        }
        User user = stored.grant.getUser();
        if (!user.isActive()) {
            return Optional.empty();
        }
        return Optional.of(new Authenticated(user.getId(), user.getLogin(), memberships.of(user.getId()).xmlIds(), null,
                null, Scopes.effective(Scopes.parse(stored.scopes)), stored.grant.getClientId()));
    }
}
