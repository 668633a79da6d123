package dev.bastion.oauth;

import dev.bastion.audit.AuthorizationAudit;
import dev.bastion.json.Jsons;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /oauth/token} (OAuth 2.1 section 3.2), form-encoded: the code exchange and the
 * refresh, for public clients ({@code client_id} in the form, no secret). Every answer is audited
 * ({@code oauth/token}, {@code oauth/refresh}), refusals included.
 */
@WebServlet(urlPatterns = "/oauth/token")
public class TokenEndpoint extends HttpServlet {

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
        String action = "refresh_token".equals(request.getParameter("grant_type")) ? "refresh" : "token";
        if (request.getContentType() == null || !request.getContentType().startsWith("application/x-www-form-urlencoded")) {
            OAuthResponses.error(response, 400, new OAuthRefusal("invalid_request",
                    "Send the token request as application/x-www-form-urlencoded"));
            return;
        }
        AuthorizationServer.TokenAnswer answer;
        try {
            answer = server.token(name -> OAuthResponses.single(request.getParameterMap(), name));
        } catch (OAuthRefusal e) {
            audit.event(request, null, null, request.getParameter("client_id"), action, e.error(), 400,
                    Jsons.createObjectBuilder().add("error_description", e.description()).build());
            OAuthResponses.error(response, 400, e);
            return;
        }
        if (answer.refusal() != null) {
            audit.event(request, answer.userId(), answer.login(), answer.clientId(), action, answer.refusal().error(), 400,
                    Jsons.createObjectBuilder().add("error_description", answer.refusal().description()).build());
            OAuthResponses.error(response, 400, answer.refusal());
            return;
        }
        audit.event(request, answer.userId(), answer.login(), answer.clientId(), action, null, 200,
                Jsons.createObjectBuilder().add("scope", answer.scopes()).build());
        OAuthResponses.json(response, 200, answer.tokens());
    }
}
