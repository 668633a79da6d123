package dev.bastion.mcp.transport;

import dev.bastion.access.AnonymousAccess;
import dev.bastion.access.Authenticated;
import dev.bastion.mcp.spi.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who sent a request, as the authentication mechanism established it (the request attribute
 * {@link Authenticated}). Requests without it have no caller, unless a test deployment
 * supplied {@link AnonymousAccess}.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    Instance<AnonymousAccess> anonymous;

    Optional<Caller> callerOf(HttpServletRequest request) {
        if (request.getAttribute(Authenticated.ATTRIBUTE) instanceof Authenticated a) {
            return Optional.of(new Caller(a.login(), a.userId(), a.groups(), a.apiKeyId(), a.apiKeyPrefix(),
                    a.scopes(), a.oauthClient()));
        }
        if (anonymous.isResolvable() && request.getHeader("Authorization") == null) {
            return Optional.of(Caller.anonymous(anonymous.get().callerName()));
        }
        return Optional.empty();
    }
}
