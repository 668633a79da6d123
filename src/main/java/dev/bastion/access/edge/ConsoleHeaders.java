package dev.bastion.access.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The security headers of every console response. Faces pages get their Content-Security-Policy
 * from PrimeFaces' CSP mode ({@code primefaces.CSP} in web.xml: a fresh nonce per response on
 * every script PrimeFaces renders, inline event handlers turned into nonce'd scripts), so this
 * filter leaves it to them; the console's plain files (sign-in page, error page) and the refusals
 * the authentication mechanism writes get {@link #STATIC_POLICY}, which allows no inline script
 * at all. Framing is refused everywhere, and browsers must not guess content types.
 */
@WebFilter(filterName = "ConsoleHeaders")
public class ConsoleHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /**
     * For console responses without scripts of their own: scripts only from this server's files,
     * styles inline too (the sign-in page carries its own), nothing framed, posted or embedded elsewhere.
     */
    public static final String STATIC_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        decorate(response, !facesPage(request));
        chain.doFilter(request, response);
    }

    /** Sets the headers; the policy only when {@code withPolicy} and no policy is there yet. */
    public static void decorate(HttpServletResponse response, boolean withPolicy) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (withPolicy && !response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", STATIC_POLICY);
        }
    }

    /** Pages the Faces servlet renders: {@code *.xhtml}, and a folder, whose welcome file is one. */
    private static boolean facesPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.endsWith(".xhtml") || path.endsWith("/");
    }
}
