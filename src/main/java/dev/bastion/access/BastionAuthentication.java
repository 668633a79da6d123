package dev.bastion.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The application's one authentication mechanism (Jakarta Security allows one). On
 * {@code /mcp}: {@code Authorization: Bearer <api key>}; a missing, unknown, expired or revoked
 * key gets the same 401 with a {@code WWW-Authenticate: Bearer} challenge, and a valid key of a
 * user outside the MCP groups gets 403. CORS preflights pass unauthenticated. Everything else
 * (readiness, static files) is public.
 */
@ApplicationScoped
public class BastionAuthentication implements HttpAuthenticationMechanism {

    static final Set<String> MCP_GROUPS = Set.of("base.group_mcp_user", "base.group_mcp_admin");

    @Inject
    ApiKeys keys;

    @Inject
    Instance<AnonymousAccess> anonymous;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals("/mcp") && !path.startsWith("/mcp/") || "OPTIONS".equals(request.getMethod())) {
            return context.doNothing();
        }
        Optional<String> key = bearer(request.getHeader("Authorization"));
        if (key.isEmpty() && request.getHeader("Authorization") == null && anonymous.isResolvable()) {
            return context.doNothing();
        }
        Optional<ApiKeys.KeyOwner> owner = key.flatMap(keys::authenticate);
        if (owner.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"bastion\"");
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Authentication required: send Authorization: Bearer <API key> with a valid key");
        }
        if (owner.get().groups().stream().noneMatch(MCP_GROUPS::contains)) {
            return refuse(response, HttpServletResponse.SC_FORBIDDEN, "User '" + owner.get().login()
                    + "' may not use MCP: an administrator must add them to the group MCP User or MCP Administrator");
        }
        return context.notifyContainerAboutLogin(owner.get().login(), owner.get().groups());
    }

    /** The key of an {@code Authorization: Bearer} header (scheme case-insensitive), if any. */
    static Optional<String> bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = header.substring(7).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("jsonrpc", "2.0").addNull("id")
                    .add("error", Json.createObjectBuilder().add("code", -32001).add("message", message))
                    .build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away: nothing left to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
