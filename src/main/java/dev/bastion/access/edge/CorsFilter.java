package dev.bastion.access.edge;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for browser-based MCP clients: answers preflights (which carry no credentials, and which
 * the authentication mechanism lets through) and marks answers to allowed origins readable,
 * exposing {@code Mcp-Session-Id}. Preflights from other origins get 403 without CORS headers.
 */
@WebFilter(filterName = "CorsFilter", asyncSupported = true)
public class CorsFilter extends HttpFilter {

    static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
    static final String EXPOSED_HEADERS = "Mcp-Session-Id, WWW-Authenticate, Retry-After";

    @Inject
    Origins origins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod()) && origin != null
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            decorate(request, response, origins);
            chain.doFilter(request, response);
            return;
        }
        if (!origins.allowed(origin, host(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin '" + origin + "' is not allowed");
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Vary", "Origin");
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", String.join(", ", allowedHeaders(
                request.getHeader("Access-Control-Request-Headers"))));
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** Marks an answer to an allowed origin readable by its page; refusals written before the filter use it too. */
    public static void decorate(HttpServletRequest request, HttpServletResponse response, Origins origins) {
        String origin = request.getHeader("Origin");
        if (origin != null && origins.allowed(origin, host(request))) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /** The MCP headers, plus the {@code Mcp-Param-*} headers a 2026-07-28 client asks for. */
    static Set<String> allowedHeaders(String requested) {
        Set<String> headers = new LinkedHashSet<>(Arrays.asList("Authorization", "Content-Type", "Accept",
                "MCP-Protocol-Version", "Mcp-Session-Id", "Mcp-Method", "Mcp-Name", "Last-Event-ID"));
        if (requested != null) {
            headers.addAll(Arrays.stream(requested.split(",")).map(String::trim)
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("mcp-param-"))
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        return headers;
    }

    private static String host(HttpServletRequest request) {
        return request.getHeader("Host");
    }
}
