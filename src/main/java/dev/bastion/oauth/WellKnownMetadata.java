package dev.bastion.oauth;

import dev.bastion.access.ProtectedResource;
import dev.bastion.access.Scopes;
import dev.bastion.json.Jsons;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The discovery documents: Protected Resource Metadata (RFC 9728) of the server and,
 * path-suffixed, of {@code /mcp}; Authorization Server Metadata (RFC 8414) of the embedded
 * authorization server, whose issuer is the server's base URL. Public; never cached, since a
 * setting (dynamic registration) changes them.
 */
@WebServlet(urlPatterns = "/.well-known/*")
public class WellKnownMetadata extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ProtectedResource resource;

    @Inject
    SettingsService settings;

    @Inject
    ExternalTokens external;

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        OAuthResponses.cors(request, response);
        response.setStatus(204);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuthResponses.cors(request, response);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String base = resource.base(request);
        switch (path) {
            case "/oauth-protected-resource" -> protectedResource(response, base, base);
            case "/oauth-protected-resource/mcp" -> protectedResource(response, base, resource.uri(request));
            case "/oauth-authorization-server" -> authorizationServer(response, base);
            default -> OAuthResponses.error(response, 404, new OAuthRefusal("not_found", "No metadata at " + path));
        }
    }

    private void protectedResource(HttpServletResponse response, String issuer, String resourceUri) throws IOException {
        OAuthResponses.json(response, 200, Jsons.createObjectBuilder()
                .add("resource", resourceUri)
                .add("authorization_servers", authorizationServers(issuer))
                .add("scopes_supported", Jsons.createArrayBuilder(Scopes.SUPPORTED))
                .add("bearer_methods_supported", Jsons.createArrayBuilder().add("header"))
                .add("resource_name", "Bastion")
                .build());
    }

    /** An external provider first (where an enterprise wants its users to sign in), then the embedded one. */
    private jakarta.json.JsonArrayBuilder authorizationServers(String embedded) {
        jakarta.json.JsonArrayBuilder servers = Jsons.createArrayBuilder();
        external.issuer().ifPresent(servers::add);
        return servers.add(embedded);
    }

    private void authorizationServer(HttpServletResponse response, String issuer) throws IOException {
        JsonObjectBuilder metadata = Jsons.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/oauth/authorize")
                .add("token_endpoint", issuer + "/oauth/token")
                .add("revocation_endpoint", issuer + "/oauth/revoke")
                .add("scopes_supported", Jsons.createArrayBuilder(Scopes.SUPPORTED))
                .add("response_types_supported", Jsons.createArrayBuilder().add("code"))
                .add("response_modes_supported", Jsons.createArrayBuilder().add("query"))
                .add("grant_types_supported", Jsons.createArrayBuilder(List.of("authorization_code", "refresh_token")))
                .add("code_challenge_methods_supported", Jsons.createArrayBuilder().add("S256"))
                .add("token_endpoint_auth_methods_supported", Jsons.createArrayBuilder().add("none"))
                .add("revocation_endpoint_auth_methods_supported", Jsons.createArrayBuilder().add("none"))
                .add("authorization_response_iss_parameter_supported", true)
                .add("client_id_metadata_document_supported", true);
        if (settings.getBoolean(SettingKey.OAUTH_DYNAMIC_REGISTRATION)) {
            metadata.add("registration_endpoint", issuer + "/oauth/register");
        }
        OAuthResponses.json(response, 200, metadata.build());
    }
}
