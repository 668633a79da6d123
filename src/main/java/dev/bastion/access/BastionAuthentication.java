package dev.bastion.access;

import dev.bastion.access.edge.AbuseGuard;
import dev.bastion.access.edge.ClientAddress;
import dev.bastion.access.edge.ConsoleHeaders;
import dev.bastion.access.edge.CorsFilter;
import dev.bastion.access.edge.IpFilter;
import dev.bastion.access.edge.Origins;
import dev.bastion.json.Jsons;
import dev.bastion.platform.DatabaseAvailability;
import dev.bastion.platform.DatabaseFailures;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's authentication, the first filter of every request (web.xml orders it before
 * the others). A servlet filter, not a Jakarta Security mechanism: nothing reads a container
 * login (the caller travels as a request attribute), and the mechanism's bridge into the
 * container cost more per request than a whole {@code ping} (design note 35). On
 * {@code /mcp}: {@code Authorization: Bearer <api key or OAuth access token>} (tokens verified by
 * {@link BearerTokens}, for this resource only); the caller it establishes travels as
 * the request attribute {@link Authenticated}. A missing, unknown, expired or revoked key is
 * refused with 401, and a valid key of a user outside the MCP groups with 403. Before any key
 * is looked up the edge checks run: IP filter (403), per-IP lockout after failed
 * authentications (429); after it, the per-user rate limit (429). A refusal is left as the
 * request attribute {@link EdgeRefusal} for the MCP transport, which answers and reports every
 * request in one place. {@code /audit/export} is authenticated the same way and answers the
 * refusal itself. CORS preflights pass unauthenticated. On {@code /admin}: form sign-in of
 * internal users with a password ({@link AdminSignIn}), kept in the HTTP session; pages other
 * than {@link #CONSOLE_FOR_EVERYONE} need an administrator (Settings group), others get 403.
 * Everything else (readiness, the start page, the console's static resources) is public.
 */
@WebFilter(filterName = "BastionAuthentication", asyncSupported = true)
public class BastionAuthentication extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final Set<String> MCP_GROUPS = Set.of("base.group_mcp_user", "base.group_mcp_admin");

    /**
     * The audit export (dev.bastion.audit.AuditExport): SIEM tools call it with an API key, so it
     * passes the same edge checks as {@code /mcp} and answers their refusals itself.
     */
    static final String AUDIT_EXPORT = "/audit/export";
    private static final String LOGIN_PAGE = "/admin/login.html";
    /**
     * The console pages every signed-in user may open: the home page, their own account and
     * Connect. Everything else under {@code /admin} is for administrators, so a page added later
     * is closed to other users until it is listed here.
     */
    static final Set<String> CONSOLE_FOR_EVERYONE = Set.of("/admin/", "/admin/index.xhtml", "/admin/connect.xhtml",
            "/admin/logout");
    private static final String OWN_ACCOUNT = "/admin/account/";
    /** The OAuth consent page (dev.bastion.admin.oauth): every signed-in user answers their own authorization requests. */
    private static final String CONSENT = "/admin/oauth/";
    /** Where sign-in may send the browser back to: only a waiting authorization request's consent page. */
    private static final Pattern RETURN_TO =
            Pattern.compile("/admin/oauth/consent\\.xhtml\\?request=[A-Za-z0-9_-]{1,64}");
    private static final String SESSION_LOGIN = "bastion.admin.login";

    @Inject
    VerifiedKeys keys;

    @Inject
    AdminSignIn signIn;

    @Inject
    ClientAddress addresses;

    @Inject
    IpFilter ipFilter;

    @Inject
    AbuseGuard abuse;

    @Inject
    Origins origins;

    @Inject
    Instance<AnonymousAccess> anonymous;

    @Inject
    Instance<BearerTokens> tokens;

    @Inject
    ProtectedResource resource;

    @Inject
    DatabaseAvailability database;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(EdgeRefusal.ATTRIBUTE) != null || admits(request, response)) {
            // Already refused (the database is away: platform.outage.DatabaseOutageFilter), or let in.
            chain.doFilter(request, response);
        }
    }

    /**
     * Whether the request goes on; false when it was answered here (a refusal, a redirect). An MCP
     * request whose authentication lost the database connection goes on refused with 503, so the
     * transport answers and reports it; elsewhere the failure reaches
     * {@code platform.outage.DatabaseOutageFilter}, which answers 503.
     */
    private boolean admits(HttpServletRequest request, HttpServletResponse response) {
        // The path the server resolved and will serve (decoded, "..", "//" and ";params" gone), never
        // the raw request URI: "/admin/account/../access/users.xhtml" is the Users page, not an account page.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean admin = path.equals("/admin") || path.startsWith("/admin/");
        boolean mcp = path.equals("/mcp") || path.startsWith("/mcp/");
        if (!admin && !mcp && !path.equals(AUDIT_EXPORT)) {
            return true;
        }
        try {
            return validateRequest(path, admin, request, response);
        } catch (RuntimeException e) {
            if (!mcp || !DatabaseFailures.lostConnection(e)) {
                throw e;
            }
            database.lost(e);
            return refused(request, EdgeRefusal.Kind.UNAVAILABLE, 503, DatabaseAvailability.AWAY_MESSAGE,
                    Duration.ofSeconds(DatabaseAvailability.RETRY_AFTER_SECONDS));
        }
    }

    /** An admin page ({@code admin}), or MCP and the audit export. */
    private boolean validateRequest(String path, boolean admin, HttpServletRequest request, HttpServletResponse response) {
        CorsFilter.decorate(request, response, origins);
        IPAddress client = addresses.of(request);
        Optional<String> filtered = ipFilter.refusal(client);
        if (admin) {
            if (filtered.isPresent()) {
                return refuse(response, HttpServletResponse.SC_FORBIDDEN, "Refused by the IP filter: " + filtered.get());
            }
            return admin(path, request, response, client);
        }
        if (filtered.isPresent()) {
            return refused(request, EdgeRefusal.Kind.IP_REFUSED, 403,
                    "Refused by the IP filter: " + filtered.get(), null);
        }
        if ("OPTIONS".equals(request.getMethod())) {
            return true;
        }
        Optional<String> key = bearer(request.getHeader("Authorization"));
        if (key.isEmpty() && request.getHeader("Authorization") == null && anonymous.isResolvable()) {
            return true;
        }
        Optional<Duration> locked = abuse.lockedFor(client);
        if (locked.isPresent()) {
            return refused(request, EdgeRefusal.Kind.LOCKED, 429,
                    "Too many failed authentications from " + client, locked.get());
        }
        Optional<Authenticated> caller = key.flatMap(k -> authenticate(k, request));
        if (caller.isEmpty()) {
            if (key.isPresent()) {
                abuse.authenticationFailed(client);
            }
            // One answer for every case, so that nothing tells a missing credential from a wrong, expired or
            // revoked one, or from a token of another audience.
            return refused(request, EdgeRefusal.Kind.UNAUTHORIZED, 401, "Authentication required: send "
                    + "Authorization: Bearer <API key or OAuth access token> with a valid key or a token issued for "
                    + resource.uri(request), null);
        }
        abuse.authenticationSucceeded(client);
        Authenticated who = caller.get();
        if (who.groups().stream().noneMatch(MCP_GROUPS::contains)) {
            return refused(request, EdgeRefusal.Kind.FORBIDDEN, 403, "User '" + who.login()
                    + "' may not use MCP: an administrator must add them to the group MCP User or MCP Administrator", null);
        }
        Optional<Duration> limited = abuse.overRateLimit(who.login());
        if (limited.isPresent()) {
            return refused(request, EdgeRefusal.Kind.RATE_LIMITED, 429,
                    "Rate limit exceeded for user '" + who.login() + "'", limited.get());
        }
        request.setAttribute(Authenticated.ATTRIBUTE, who);
        return true;
    }

    /**
     * An OAuth access token when one of the verifiers (the embedded authorization server's, an
     * external provider's) recognises its form, checked against this resource's identifiers; else an API key.
     */
    private Optional<Authenticated> authenticate(String credential, HttpServletRequest request) {
        for (BearerTokens verifier : tokens) {
            if (verifier.recognises(credential)) {
                return verifier.authenticate(credential, resource.audiences(request));
            }
        }
        return keys.authenticate(credential);
    }

    /**
     * Leaves the refusal for the MCP transport to answer and report: the request goes on
     * unauthenticated, and the transport stops it before anything is served.
     */
    private static boolean refused(HttpServletRequest request, EdgeRefusal.Kind kind, int status, String message,
                                   Duration retryAfter) {
        request.setAttribute(EdgeRefusal.ATTRIBUTE, new EdgeRefusal(kind, status, message, retryAfter));
        return true;
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    private static boolean tooMany(HttpServletResponse response, Duration wait, String why) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        return refuse(response, 429, why + "; retry after " + seconds + " s");
    }

    /**
     * Form sign-in for the admin pages: {@code POST /admin/login} with {@code username} and
     * {@code password}; the signed-in login is kept in the HTTP session (a new session id is
     * issued at sign-in) and checked again on every request. The sign-in page itself is public.
     */
    private boolean admin(String path, HttpServletRequest request, HttpServletResponse response, IPAddress client) {
        if (path.equals(LOGIN_PAGE)) {
            return true;
        }
        String base = request.getContextPath();
        if (path.equals("/admin/login") && "POST".equals(request.getMethod())) {
            Optional<Duration> locked = abuse.lockedFor(client);
            if (locked.isPresent()) {
                return tooMany(response, locked.get(), "Too many failed sign-ins from " + client);
            }
            Optional<Set<String>> groups = signIn.verify(request.getParameter("username"), request.getParameter("password"));
            String returnTo = request.getParameter("return");
            boolean goBack = returnTo != null && RETURN_TO.matcher(returnTo).matches();
            if (groups.isEmpty()) {
                abuse.authenticationFailed(client);
                return redirect(response, base + LOGIN_PAGE + "?failed"
                        + (goBack ? "&return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8) : ""));
            }
            abuse.authenticationSucceeded(client);
            request.getSession(true);
            request.changeSessionId();
            request.getSession().setAttribute(SESSION_LOGIN, request.getParameter("username"));
            return redirect(response, base + (goBack ? returnTo : "/admin/"));
        }
        if (path.equals("/admin/logout")) {
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            return redirect(response, base + LOGIN_PAGE);
        }
        var session = request.getSession(false);
        Object login = session == null ? null : session.getAttribute(SESSION_LOGIN);
        Optional<Set<String>> groups = login instanceof String l ? signIn.stillAllowed(l) : Optional.empty();
        if (groups.isEmpty()) {
            // An OAuth client sent the user here to consent: after signing in they come back to it.
            String here = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return redirect(response, base + LOGIN_PAGE + (RETURN_TO.matcher(here).matches()
                    ? "?return=" + URLEncoder.encode(here, StandardCharsets.UTF_8) : ""));
        }
        ConsoleCaller caller = new ConsoleCaller((String) login, groups.get());
        if (!caller.administrator() && !CONSOLE_FOR_EVERYONE.contains(path) && !path.startsWith(OWN_ACCOUNT)
                && !path.startsWith(CONSENT)) {
            return forbiddenPage(response, base, caller.login());
        }
        request.setAttribute(ConsoleCaller.ATTRIBUTE, caller);
        return true;
    }

    /** Sends the browser to {@code location} (302); the request goes no further. */
    private static boolean redirect(HttpServletResponse response, String location) {
        try {
            response.sendRedirect(location);
        } catch (IOException e) {
            // The client went away: nothing left to tell it.
        }
        return false;
    }

    /** 403 as a page a person reads: the console is HTML, not JSON-RPC. */
    private static boolean forbiddenPage(HttpServletResponse response, String base, String login) {
        try {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            ConsoleHeaders.decorate(response, true);
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Bastion — not allowed</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;"
                    + "margin:10vh auto;color:#1f2937}</style></head><body><h1>Not allowed</h1><p>This page is for "
                    + "administrators (group Settings); you are signed in as <b>" + escape(login) + "</b>.</p>"
                    + "<p><a href=\"" + base + "/admin/\">Back to the console</a></p></body></html>");
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away: nothing left to tell it.
        }
        return false;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The key of an {@code Authorization: Bearer} header (scheme case-insensitive), if any. */
    static Optional<String> bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = header.substring(7).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private static boolean refuse(HttpServletResponse response, int status, String message) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Jsons.createObjectBuilder().add("jsonrpc", "2.0").addNull("id")
                    .add("error", Jsons.createObjectBuilder().add("code", -32001).add("message", message))
                    .build().toString());
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away: nothing left to tell it.
        }
        return false;
    }
}
