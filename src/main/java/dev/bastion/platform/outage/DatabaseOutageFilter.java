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
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A lost database connection that escapes a request's own handling (JAX-RS hands unmapped
 * exceptions to the container, which would answer an empty 500) becomes the same 503 as during
 * authentication. Any other failure passes on unchanged.
 */
@WebFilter(urlPatterns = {"/mcp", "/mcp/*", "/admin/*"}, asyncSupported = true)
public class DatabaseOutageFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DatabaseOutageFilter.class.getName());

    @Inject
    DatabaseAvailability availability;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseFailures.lostConnection(e) || response.isCommitted()) {
                throw e;
            }
            availability.lost(e);
            LOG.fine(() -> "Database not reachable while serving " + request.getMethod() + " "
                    + request.getRequestURI() + ": " + DatabaseFailures.reason(e));
            Unavailable.write(response, Unavailable.DATABASE_AWAY);
        }
    }
}
