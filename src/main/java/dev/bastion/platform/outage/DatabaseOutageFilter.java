package dev.bastion.platform.outage;

import dev.bastion.platform.DatabaseAvailability;
import dev.bastion.platform.DatabaseFailures;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A request that fails past authentication because the database went away becomes the same
 * 503 as one refused at the door. Two ways such a failure shows: an exception that escapes the
 * request's own handling (JAX-RS hands unmapped ones to the container), and a bare 500 that
 * JAX-RS answers itself (its own mapper of {@code TransactionalException} gives up when a
 * commit fails with a system exception that no longer names the lost connection). Either
 * becomes 503 only when the failure names a lost connection or the database does not answer
 * now; any other failure passes on unchanged.
 */
@WebFilter(urlPatterns = {"/mcp/*", "/admin/*", "/oauth/*"}, asyncSupported = true)
public class DatabaseOutageFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageFilter.class.getName());

    @Inject
    DatabaseAvailability availability;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
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
        Unavailable.write(response, Unavailable.DATABASE_AWAY);
        return true;
    }
}
