package dev.bastion.oauth;

import dev.bastion.json.Jsons;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which clients exist: rows of {@code oauth.client} (pre-registered by administrators, or
 * registered by the clients themselves through RFC 7591 when
 * {@code bastion.oauth.dynamic-registration} allows), and clients whose {@code client_id} is the
 * HTTPS URL of their Client ID Metadata Document ({@link MetadataDocuments}).
 */
@ApplicationScoped
@Transactional
public class ClientRegistry {

    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");

    @Inject
    EntityManager em;

    @Inject
    MetadataDocuments documents;

    @Inject
    SettingsService settings;

    /** The active client {@code clientId}; empty when nobody registered it (or its document is unusable). */
    Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        if (MetadataDocuments.looksLikeDocumentUrl(clientId)) {
            return Optional.of(documents.client(clientId));
        }
        return em.createQuery("select c from OAuthClient c where c.clientId = :id and c.active = true", OAuthClient.class)
                .setParameter("id", clientId).getResultStream().findFirst()
                .map(c -> new RegisteredClient(c.getClientId(), c.getName(), c.redirectUriList(), c.registration));
    }

    /**
     * Dynamic Client Registration (RFC 7591 section 3): stores a public client (PKCE, no secret)
     * and answers its registration. Refused with {@code invalid_redirect_uri} or
     * {@code invalid_client_metadata} naming what is wrong.
     */
    JsonObject register(JsonObject metadata) {
        if (!settings.getBoolean(SettingKey.OAUTH_DYNAMIC_REGISTRATION)) {
            throw new OAuthRefusal("access_denied", "Dynamic client registration is switched off on this server "
                    + "(bastion.oauth.dynamic-registration): ask an administrator to register the client");
        }
        List<String> redirects = redirectUris(metadata.get("redirect_uris"));
        JsonValue grantTypes = metadata.get("grant_types");
        if (grantTypes instanceof JsonArray types) {
            for (JsonValue type : types) {
                if (!(type instanceof JsonString t) || !GRANT_TYPES.contains(t.getString())) {
                    throw new OAuthRefusal("invalid_client_metadata", "grant_types may hold only authorization_code "
                            + "and refresh_token; got " + type);
                }
            }
        }
        String name = metadata.get("client_name") instanceof JsonString n && !n.getString().isBlank()
                ? n.getString().strip() : "Unnamed client (" + URI.create(redirects.get(0)).getHost() + ")";
        if (name.length() > 255) {
            throw new OAuthRefusal("invalid_client_metadata", "client_name is longer than 255 characters");
        }
        OAuthClient client = new OAuthClient(Tokens.random("dyn_"), name, redirects, OAuthClient.DYNAMIC, Tokens.now());
        em.persist(client);
        return Jsons.createObjectBuilder().add("client_id", client.getClientId())
                .add("client_id_issued_at", client.created.toEpochSecond(java.time.ZoneOffset.UTC))
                .add("client_name", name)
                .add("redirect_uris", Jsons.createArrayBuilder(redirects))
                .add("grant_types", Jsons.createArrayBuilder(List.of("authorization_code", "refresh_token")))
                .add("response_types", Jsons.createArrayBuilder(List.of("code")))
                // Every client is public: whatever method was asked for, none is what the token endpoint accepts.
                .add("token_endpoint_auth_method", "none")
                .build();
    }

    /**
     * {@code redirect_uris} of client metadata: a non-empty array of absolute URIs without a
     * fragment, HTTPS or loopback HTTP or a private-use scheme of a native app (RFC 8252).
     */
    static List<String> redirectUris(JsonValue value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new OAuthRefusal("invalid_redirect_uri", "redirect_uris must be a non-empty array of URIs");
        }
        List<String> uris = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new OAuthRefusal("invalid_redirect_uri", "redirect_uris holds a value that is not a string: " + item);
            }
            uris.add(checkedRedirect(s.getString()));
        }
        if (uris.size() > 20) {
            throw new OAuthRefusal("invalid_redirect_uri", "at most 20 redirect_uris");
        }
        return uris;
    }

    private static String checkedRedirect(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new OAuthRefusal("invalid_redirect_uri", "redirect URI '" + text + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getFragment() != null || text.length() > 2000) {
            throw new OAuthRefusal("invalid_redirect_uri", "redirect URI '" + text
                    + "' must be absolute, without a fragment, at most 2000 characters");
        }
        boolean loopback = "http".equals(scheme) && uri.getHost() != null
                && Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(scheme) && !loopback && (scheme.equals("http") || scheme.equals("javascript")
                || scheme.equals("data") || scheme.equals("file"))) {
            throw new OAuthRefusal("invalid_redirect_uri", "redirect URI '" + text
                    + "' must be https, http on a loopback address, or a native app's own scheme");
        }
        return text;
    }
}
