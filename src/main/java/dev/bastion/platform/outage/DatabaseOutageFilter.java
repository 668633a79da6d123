package dev.bastion.platform.outage;

import dev.bastion.access.EdgeRefusal;
import dev.bastion.platform.DatabaseAvailability;
import dev.bastion.platform.DatabaseFailures;
import dev.bastion.platform.DatabaseMigrator;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The first filter of {@code /mcp}, {@code /admin} and {@code /oauth} (web.xml orders it before
 * authentication, which reads the database). Before the schema is migrated, or while the
 * database is known to be away, the request is not let in: the admin pages and the
 * authorization server get the 503 here; MCP requests go on with an {@link EdgeRefusal}, which
 * authentication leaves alone and the MCP transport answers with the request's id and reports
 * like every other refusal. Past that, a request that fails because the database went away
 * becomes the same 503. Two ways such a failure shows: an exception that escapes the request's
 * own handling (authentication of a console user, JAX-RS's unmapped ones), and a bare 500 that
 * JAX-RS answers itself (its own mapper of {@code TransactionalException} gives up when a
 * commit fails with a system exception that no longer names the lost connection). Either
 * becomes 503 only when the failure names a lost connection or the database does not answer
 * now; any other failure passes on unchanged.
 */
@WebFilter(filterName = "DatabaseOutageFilter", asyncSupported = true)
public class DatabaseOutageFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageFilter.class.getName());

    @Inject
    DatabaseAvailability availability;

    @Inject
    DatabaseMigrator migrator;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String notNow = !needsDatabase(request) ? null
                : migrator.state().isEmpty() ? "Bastion is starting: its database is not ready yet; retry in a few seconds"
                : availability.away() ? DatabaseAvailability.AWAY_MESSAGE : null;
        if (notNow != null && !isMcp(request)) {
            Unavailable.write(response, notNow);
            return;
        }
        if (notNow != null) {
            request.setAttribute(EdgeRefusal.ATTRIBUTE, new EdgeRefusal(EdgeRefusal.Kind.UNAVAILABLE, 503, notNow,
                    Duration.ofSeconds(DatabaseAvailability.RETRY_AFTER_SECONDS)));
        }
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendError(int status, String message) throws IOException {
                    if (!unavailableInstead(request, response, status, null)) {
                        super.sendError(status, message);
                    }
                }

                @Override
                public void sendError(int status) throws IOException {
                    if (!unavailableInstead(request, response, status, null)) {
                        super.sendError(status);
                    }
                }
            });
        } catch (ServletException | RuntimeException e) {
            if (!unavailableInstead(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e)) {
                throw e;
            }
        }
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

    /** Answers 503 instead of a 500 caused by the database's absence; false when it was something else. */
    private boolean unavailableInstead(HttpServletRequest request, HttpServletResponse response, int status,
                                       Throwable failure) {
        if (status != HttpServletResponse.SC_INTERNAL_SERVER_ERROR || response.isCommitted()) {
            return false;
        }
        boolean lost = failure != null && DatabaseFailures.lostConnection(failure);
        if (!lost && availability.reachable()) {
            return false;
        }
        String reason = failure != null && lost ? DatabaseFailures.reason(failure) : "the database does not answer";
        availability.lost(reason);
        LOG.fine(() -> "Database not reachable while serving " + request.getMethod() + " "
                + request.getRequestURI() + ": " + reason);
        Unavailable.write(response, DatabaseAvailability.AWAY_MESSAGE);
        return true;
    }
}
