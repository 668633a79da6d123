package dev.bastion.oauth;

import dev.bastion.audit.AuthorizationAudit;
import dev.bastion.json.Jsons;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /oauth/register}: Dynamic Client Registration (RFC 7591), open to anyone while
 * {@code bastion.oauth.dynamic-registration} is on (403 when off), as MCP clients register before
 * any user signs in. A registered client can do nothing by itself: every token needs a user's
 * consent. Bodies above {@value #MAX_BYTES} bytes are refused.
 */
@WebServlet(urlPatterns = "/oauth/register")
public class RegistrationEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BYTES = 16 * 1024;

    @Inject
    ClientRegistry clients;

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
        JsonObject metadata;
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new OAuthRefusal("invalid_client_metadata", "the registration is larger than " + MAX_BYTES + " bytes");
            }
            try (var reader = jakarta.json.Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
                metadata = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                throw new OAuthRefusal("invalid_client_metadata", "the registration must be a JSON object");
            }
            JsonObject registered = clients.register(metadata);
            audit.event(request, null, null, registered.getString("client_id"), "register", null, 201,
                    Jsons.createObjectBuilder().add("client_name", registered.getString("client_name"))
                            .add("redirect_uris", registered.getJsonArray("redirect_uris")).build());
            OAuthResponses.json(response, 201, registered);
        } catch (OAuthRefusal e) {
            int status = "access_denied".equals(e.error()) ? 403 : 400;
            audit.event(request, null, null, null, "register", e.error(), status,
                    Jsons.createObjectBuilder().add("error_description", e.description()).build());
            OAuthResponses.error(response, status, e);
        }
    }
}
