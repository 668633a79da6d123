package dev.bastion.mcp.transport;

import dev.bastion.access.EdgeRefusal;
import dev.bastion.access.ProtectedResource;
import dev.bastion.access.edge.ClientAddress;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestCompleted.Outcome;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The door of {@code /mcp} and {@code /mcp/message}: every request passes here once. It opens
 * the request's {@link RequestReport}, answers what the edge refused (a server its administrator
 * disabled, the authentication mechanism's {@link EdgeRefusal}, a disallowed Origin or Host, a
 * request without a caller)
 * with a JSON-RPC error that echoes the request's id when its body has one, answers admitted
 * POSTs itself through {@link McpPosts} and hands the other requests to the JAX-RS endpoints,
 * each with its one {@link Caller}, and makes sure every request ends in its
 * {@link RequestCompleted} events.
 */
@WebFilter(filterName = "McpRequestFilter", asyncSupported = true)
public class McpRequestFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(McpRequestFilter.class.getName());
    /** The error code of edge refusals (authentication, rate limit, lockout, IP filter). */
    private static final int REFUSED = -32001;

    @Inject
    Event<RequestCompleted> completed;

    @Inject
    ClientAddress addresses;

    @Inject
    EdgeGuard guard;

    @Inject
    CallerResolver callers;

    @Inject
    RequestBodies bodies;

    @Inject
    SettingsService settings;

    @Inject
    ProtectedResource resource;

    @Inject
    McpPosts posts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (RequestReport.of(request) != null) {
            chain.doFilter(request, response);
            return;
        }
        IPAddress address = addresses.of(request);
        RequestReport report = new RequestReport(this::fire, request,
                address == null ? request.getRemoteAddr() : address.toCanonicalString());
        report.scopeChallenges((scope, why) -> resource.insufficientScope(request, scope, why));
        Outcome refused = null;
        try {
            refused = admission(request, response, report);
            if (refused == null && isMessagePost(request)) {
                posts.serve(request, report).writeTo(response);
            } else if (refused == null) {
                chain.doFilter(request, response);
            }
        } finally {
            report.finishRequest(response.getStatus(), refused);
        }
    }

    /** A POST of {@code /mcp} itself (not of the legacy transport's {@code /mcp/message}). */
    private static boolean isMessagePost(HttpServletRequest request) {
        String rest = request.getPathInfo();
        return "POST".equals(request.getMethod()) && "/mcp".equals(request.getServletPath())
                && (rest == null || rest.equals("/"));
    }

    /** Answers a request the edge refuses and says how it ended; null when it may go on. */
    private Outcome admission(HttpServletRequest request, HttpServletResponse response, RequestReport report)
            throws IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            return null;
        }
        EdgeRefusal refusal = request.getAttribute(EdgeRefusal.ATTRIBUTE) instanceof EdgeRefusal r ? r : null;
        if (!settings.getBoolean(SettingKey.SERVER_ENABLED)) {
            // Off means off for everyone, whatever else the edge thinks of the request; the audit
            // still learns who was turned away when the credentials were good.
            if (refusal == null) {
                callers.callerOf(request).ifPresent(report::caller);
            }
            return refuse(request, response, report, 503, ErrorCode.UNAVAILABLE,
                    "Bastion is disabled by its administrator: /mcp serves no requests until it is enabled again",
                    Outcome.DISABLED);
        }
        if (refusal != null) {
            if (refusal.retryAfter() != null) {
                response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
            }
            String message = refusal.retryAfter() == null ? refusal.message()
                    : refusal.message() + "; retry after " + refusal.retryAfterSeconds() + " s";
            int code = refusal.kind() == EdgeRefusal.Kind.UNAVAILABLE ? ErrorCode.UNAVAILABLE : REFUSED;
            return refuse(request, response, report, refusal.status(), code, message, outcomeOf(refusal.kind()));
        }
        Optional<String> hostile = guard.refusal(request);
        if (hostile.isPresent()) {
            return refuse(request, response, report, 403, ErrorCode.INVALID_REQUEST, hostile.get(), Outcome.FORBIDDEN);
        }
        Optional<Caller> caller = callers.callerOf(request);
        if (caller.isEmpty()) {
            return refuse(request, response, report, 401, REFUSED, "Authentication required", Outcome.UNAUTHORIZED);
        }
        report.caller(caller.get());
        return null;
    }

    private static Outcome outcomeOf(EdgeRefusal.Kind kind) {
        return switch (kind) {
            case IP_REFUSED -> Outcome.IP_REFUSED;
            case LOCKED -> Outcome.LOCKED;
            case UNAUTHORIZED -> Outcome.UNAUTHORIZED;
            case FORBIDDEN -> Outcome.FORBIDDEN;
            case RATE_LIMITED -> Outcome.RATE_LIMITED;
            case UNAVAILABLE -> Outcome.UNAVAILABLE;
        };
    }

    private Outcome refuse(HttpServletRequest request, HttpServletResponse response, RequestReport report, int status,
                           int code, String message, Outcome outcome) throws IOException {
        if (status == 401) {
            // RFC 9728 section 5.1: the challenge says where the resource's metadata is, so OAuth clients find the
            // authorization server from here.
            response.setHeader("WWW-Authenticate", resource.unauthorized(request, request.getHeader("Authorization") != null));
        }
        byte[] body = Jsons.createObjectBuilder().add("jsonrpc", "2.0").add("id", idOf(request))
                .add("error", Jsons.createObjectBuilder().add("code", code).add("message", message))
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        report.answered(code, body.length);
        return outcome;
    }

    /** The id of a refused POST's JSON-RPC request, so its client can match the refusal; else null. */
    private JsonValue idOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return JsonValue.NULL;
        }
        try {
            return JsonRpcParser.idOf(JsonRpcParser.parseBody(bodies.read(request.getInputStream(),
                    request.getContentLengthLong())));
        } catch (RequestBodies.TooLarge | McpException | IOException e) {
            return JsonValue.NULL;
        }
    }

    private void fire(RequestCompleted event) {
        try {
            completed.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of completed requests failed", e);
        }
    }
}
