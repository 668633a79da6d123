package dev.bastion.oauth;

import dev.bastion.audit.AuthorizationAudit;
import dev.bastion.json.Jsons;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /oauth/revoke} (RFC 7009): {@code token} (access or refresh; a refresh token takes
 * its whole connection with it) and the client's {@code client_id}. 200 whether or not the token
 * was known (section 2.2); audited when it revoked something.
 */
@WebServlet(urlPatterns = "/oauth/revoke")
public class RevocationEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AuthorizationServer server;

    @Inject
    AuthorizationAudit audit;

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        OAuthResponses.cors(request, response);
        response.setStatus(204);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuthResponses.cors(request, response);
        String token;
        String clientId;
        try {
            token = OAuthResponses.single(request.getParameterMap(), "token");
            clientId = OAuthResponses.single(request.getParameterMap(), "client_id");
        } catch (OAuthRefusal e) {
            OAuthResponses.error(response, 400, e);
            return;
        }
        if (token == null || token.isBlank()) {
            OAuthResponses.error(response, 400, new OAuthRefusal("invalid_request", "token is required"));
            return;
        }
        Optional<OAuthGrant> grant = server.revoke(token, clientId);
        grant.ifPresent(g -> audit.event(request, g.getUser().getId(), g.getUser().getLogin(), g.getClientId(), "revoke",
                null, 200, Jsons.createObjectBuilder().add("grant", g.getId())
                        .add("token_type_hint", String.valueOf(request.getParameter("token_type_hint"))).build()));
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
    }
}
