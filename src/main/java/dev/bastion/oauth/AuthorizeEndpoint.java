package dev.bastion.oauth;

import dev.bastion.access.ProtectedResource;
import dev.bastion.audit.AuthorizationAudit;
import dev.bastion.json.Jsons;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /oauth/authorize} (OAuth 2.1 section 4.1.1): checks the request, then sends the
 * browser to the consent page of the console ({@code /admin/oauth/consent.xhtml}), which signs
 * the user in first when needed. A request that names an unknown client or an unregistered
 * redirect URI is answered here with a page, never with a redirect; other refusals go back to the
 * client's redirect URI with {@code error} and {@code iss}.
 */
@WebServlet(urlPatterns = "/oauth/authorize")
public class AuthorizeEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String CONSENT_PAGE = "/admin/oauth/consent.xhtml";

    @Inject
    AuthorizationServer server;

    @Inject
    ProtectedResource resource;

    @Inject
    AuthorizationAudit audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String issuer = resource.base(request);
        AuthorizationRequest checked;
        try {
            checked = server.check(name -> OAuthResponses.single(request.getParameterMap(), name), issuer,
                    resource.audiences(request), resource.uri(request), ProtectedResource.DEFAULT_SCOPE);
        } catch (OAuthRefusal e) {
            page(response, e.description());
            return;
        } catch (AuthorizationServer.Refused refused) {
            audit.event(request, null, null, request.getParameter("client_id"), "authorize", refused.refusal.error(),
                    refused.redirectUri == null ? 400 : 302, Jsons.createObjectBuilder()
                            .add("error_description", refused.refusal.description()).build());
            if (refused.redirectUri == null) {
                page(response, refused.refusal.description());
            } else {
                response.sendRedirect(AuthorizationServer.refusedRedirect(refused, issuer));
            }
            return;
        }
        String id = PendingAuthorizations.put(request.getSession(true), checked);
        response.sendRedirect(request.getContextPath() + CONSENT_PAGE + "?request=" + id);
    }

    /** 400 as a page the user reads: the client cannot be trusted with the answer. */
    private static void page(HttpServletResponse response, String why) throws IOException {
        response.setStatus(400);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Bastion — authorization refused</title><style>body{font-family:system-ui,sans-serif;"
                + "max-width:36rem;margin:10vh auto;color:#1f2937}</style></head><body><h1>Authorization refused</h1>"
                + "<p id=\"oauth-error\">" + escape(why) + "</p><p>Go back to the application and try again, or ask an "
                + "administrator of Bastion.</p></body></html>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
