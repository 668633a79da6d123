package dev.bastion.platform.outage;

import dev.bastion.access.EdgeRefusal;
import dev.bastion.platform.DatabaseAvailability;
import dev.bastion.platform.DatabaseFailures;
import dev.bastion.platform.DatabaseMigrator;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Wraps the application's authentication mechanism. Authentication runs before any servlet
 * filter and reads the database (API keys, sign-in), so this is where a request first meets a
 * missing database: before the schema is migrated, or while the database is known to be away,
 * the request is not let in at all, and a lost connection during authentication becomes a 503
 * instead of the container's empty 500.
 */
@Decorator
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public abstract class DatabaseOutageGuard implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageGuard.class.getName());

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism delegate;

    @Inject
    DatabaseMigrator migrator;

    @Inject
    DatabaseAvailability availability;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (needsDatabase(request) && migrator.state().isEmpty()) {
            return unavailable(request, response, context,
                    "Bastion is starting: its database is not ready yet; retry in a few seconds");
        }
        if (needsDatabase(request) && availability.away()) {
            return unavailable(request, response, context, Unavailable.DATABASE_AWAY);
        }
        try {
            return delegate.validateRequest(request, response, context);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.lostConnection(e)) {
                throw e;
            }
            availability.lost(e);
            LOG.fine(() -> "Database not reachable while authenticating " + request.getMethod() + " "
                    + request.getRequestURI() + ": " + DatabaseFailures.reason(e));
            return unavailable(request, response, context, Unavailable.DATABASE_AWAY);
        }
    }

    /**
     * Refuses the request for now: MCP requests are left to the MCP transport as an
     * {@link EdgeRefusal} (it answers with the request's id and reports the refusal like every
     * other), the admin pages get the 503 here.
     */
    private static AuthenticationStatus unavailable(HttpServletRequest request, HttpServletResponse response,
                                                    HttpMessageContext context, String message) {
        if (isMcp(request)) {
            request.setAttribute(EdgeRefusal.ATTRIBUTE, new EdgeRefusal(EdgeRefusal.Kind.UNAVAILABLE, 503, message,
                    Duration.ofSeconds(Unavailable.RETRY_AFTER_SECONDS)));
            return context.doNothing();
        }
        Unavailable.write(response, message);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static boolean isMcp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/mcp") || path.startsWith("/mcp/");
    }

    /**
     * MCP, the admin pages and the authorization server's endpoints read the database;
     * readiness, the metadata documents, the start page and preflights do not.
     */
    static boolean needsDatabase(HttpServletRequest request) {
        if ("OPTIONS".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return isMcp(request) || path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/oauth/");
    }
}
