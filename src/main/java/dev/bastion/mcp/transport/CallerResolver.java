package dev.bastion.mcp.transport;

import dev.bastion.access.AnonymousAccess;
import dev.bastion.mcp.spi.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * Who sent a request, as the container's security layer established it. Requests without a
 * principal have no caller, unless a test deployment supplied {@link AnonymousAccess}.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    Instance<AnonymousAccess> anonymous;

    Optional<Caller> callerOf(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            return Optional.of(new Caller(principal.getName()));
        }
        if (anonymous.isResolvable()) {
            return Optional.of(new Caller(anonymous.get().callerName()));
        }
        return Optional.empty();
    }
}
