package dev.bastion.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bastion.access.Authenticated;
import dev.bastion.access.BearerTokens;
import dev.bastion.access.Memberships;
import dev.bastion.access.Scopes;
import dev.bastion.erp.base.User;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JWT access tokens of an external OpenID Connect provider ({@code bastion.oauth.external.issuer}):
 * its {@code jwks_uri} from OpenID Connect discovery (the document's {@code issuer} must be the
 * configured one), its keys cached and refetched when a token names a key not seen yet (rotation).
 * A token is accepted when its signature verifies (RSA or EC; never {@code none} or HMAC), its
 * {@code iss} is the provider, its {@code aud} names this server's {@code /mcp} (or a configured
 * audience), it is unexpired, it carries at least one of this server's scopes, and its user claim
 * names an active user (created on first use when the settings say so). The client it names is
 * {@code azp} (or {@code client_id}).
 */
@ApplicationScoped
public class ExternalTokens implements BearerTokens {

    private static final Logger LOG = Logger.getLogger(ExternalTokens.class.getName());
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    static final Duration KEY_REFETCH_INTERVAL = Duration.ofSeconds(2);

    @Inject
    SettingsService settings;

    @Inject
    ExternalUsers users;

    @Inject
    Memberships memberships;

    /** The provider of the configured issuer, once discovered. */
    private record Provider(String issuer, JWSVerificationKeySelector<SecurityContext> keys) {
    }

    private volatile Provider provider;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The configured issuer, or empty. */
    Optional<String> issuer() {
        List<String> issuers = settings.getList(SettingKey.OAUTH_EXTERNAL_ISSUER);
        return issuers.isEmpty() ? Optional.empty() : Optional.of(issuers.get(0));
    }

    @Override
    public boolean recognises(String token) {
        return issuer().isPresent() && token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Optional<Authenticated> authenticate(String token, Set<String> audiences) {
        Optional<String> issuer = issuer();
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(provider(issuer.get()).keys());
            Set<String> accepted = new HashSet<>(audiences);
            accepted.addAll(settings.getList(SettingKey.OAUTH_EXTERNAL_AUDIENCE));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(accepted,
                    new JWTClaimsSet.Builder().issuer(issuer.get()).build(), Set.of("sub", "exp", "aud"), null));
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.fine(() -> "External token refused: " + e.getMessage());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The external provider " + issuer.get() + " could not be used", e);
            return Optional.empty();
        }
        Set<String> scopes = scopes(claims);
        String claim = settings.getText(SettingKey.OAUTH_EXTERNAL_USER_CLAIM);
        if (scopes.isEmpty() || !(claims.getClaim(claim) instanceof String value) || value.isBlank()) {
            return Optional.empty();
        }
        Optional<User> user = users.find(claim, value, settings.getBoolean(SettingKey.OAUTH_EXTERNAL_CREATE_USERS),
                settings.getList(SettingKey.OAUTH_EXTERNAL_GROUPS), claims.getClaim("name") instanceof String n ? n : null);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Object client = claims.getClaim("azp") != null ? claims.getClaim("azp") : claims.getClaim("client_id");
        long id = user.get().getId();
        return Optional.of(new Authenticated(id, user.get().getLogin(), memberships.of(id).xmlIds(), null, null,
                Scopes.effective(scopes), client instanceof String c ? c : issuer.get()));
    }

    /** This server's scopes among the token's ({@code scope}, space-separated, or {@code scp}, a list). */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> granted = new HashSet<>();
        Object scope = claims.getClaim("scope");
        Object scp = claims.getClaim("scp");
        if (scope instanceof String s) {
            granted.addAll(Arrays.asList(s.split(" ")));
        }
        if (scp instanceof List<?> list) {
            list.forEach(v -> granted.add(String.valueOf(v)));
        } else if (scp instanceof String s) {
            granted.addAll(Arrays.asList(s.split(" ")));
        }
        granted.retainAll(Scopes.ALL);
        return granted;
    }

    private Provider provider(String issuer) throws IOException {
        Provider known = provider;
        if (known != null && known.issuer().equals(issuer)) {
            return known;
        }
        String discovery = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(discovery + " answered HTTP " + response.statusCode());
        }
        JsonObject metadata;
        try (var reader = jakarta.json.Json.createReader(new StringReader(response.body()))) {
            metadata = reader.readObject();
        }
        if (!(metadata.get("issuer") instanceof JsonString named) || !named.getString().equals(issuer)
                || !(metadata.get("jwks_uri") instanceof JsonString jwks)) {
            throw new IOException(discovery + " does not describe the issuer " + issuer + " with a jwks_uri");
        }
        // Keys kept five minutes; a token naming a key not seen yet refetches them (rotation), at most every
        // two seconds so that made-up key ids cannot turn requests into a flood on the provider. No refresh-ahead
        // thread: a server should not run threads of its own outside its executors.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwks.getString()).toURL())
                .cache(true).refreshAheadCache(false).rateLimited(KEY_REFETCH_INTERVAL.toMillis()).retrying(true).build();
        Provider discovered = new Provider(issuer, new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        provider = discovered;
        return discovered;
    }
}
