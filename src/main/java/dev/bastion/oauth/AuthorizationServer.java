package dev.bastion.oauth;

import dev.bastion.access.Scopes;
import dev.bastion.erp.base.User;
import dev.bastion.json.Jsons;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The embedded OAuth 2.1 authorization server: checks authorization requests, remembers consent
 * per user and client ({@link OAuthGrant}), issues single-use codes bound to PKCE S256, exchanges
 * them for short-lived access tokens and rotating refresh tokens, and revokes. Every refusal
 * that must still change something (a reused code or refresh token revokes its grant) commits
 * that change and then reports the refusal, so nothing here throws out of a transaction that has
 * to stay.
 */
@ApplicationScoped
@Transactional
public class AuthorizationServer {

    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final Set<String> MCP_GROUPS = Set.of("base.group_mcp_user", "base.group_mcp_admin");

    @Inject
    EntityManager em;

    @Inject
    ClientRegistry clients;

    @Inject
    SettingsService settings;

    /**
     * An authorization request that cannot go on. With a {@code redirectUri} it goes back to the
     * client (RFC 6749 section 4.1.2.1); without one (unknown client, unregistered redirect URI)
     * the user is told on a page and the client hears nothing, so codes never go anywhere unchecked.
     */
    public static final class Refused extends RuntimeException {
        final OAuthRefusal refusal;
        final String redirectUri;
        final String state;

        Refused(OAuthRefusal refusal, String redirectUri, String state) {
            super(refusal.description(), null, false, false);
            this.refusal = refusal;
            this.redirectUri = redirectUri;
            this.state = state;
        }
    }

    /**
     * Where the browser goes after the consent, and whether it carries a code ({@code false}: an
     * {@code access_denied} refusal, with {@code why}).
     */
    public record Approval(String redirect, boolean granted, String why) {
    }

    /** What the token endpoint answers: a token response, or a refusal; and who it was about, for the audit. */
    record TokenAnswer(JsonObject tokens, OAuthRefusal refusal, Long userId, String login, String clientId,
                       String scopes) {
    }

    /**
     * Checks an authorization request (OAuth 2.1 section 4.1.1): a known client, one of its
     * redirect URIs exactly, {@code response_type=code}, a PKCE S256 challenge, known scopes (none:
     * {@code defaultScope}) and a {@code resource} this server is (none: {@code defaultResource}).
     */
    AuthorizationRequest check(Function<String, String> param, String issuer, Set<String> audiences,
                               String defaultResource, String defaultScope) {
        String clientId = param.apply("client_id");
        RegisteredClient client;
        try {
            client = clients.find(clientId).orElseThrow(() -> new OAuthRefusal("invalid_client",
                    "Unknown client_id '" + clientId + "': the application is not registered with this server"));
        } catch (OAuthRefusal e) {
            throw new Refused(e, null, null);
        }
        String redirectUri = param.apply("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw new Refused(new OAuthRefusal("invalid_request", "The redirect_uri '" + redirectUri
                    + "' is not one registered for " + client.name() + "; no code is sent there"), null, null);
        }
        String state = param.apply("state");
        if (!"code".equals(param.apply("response_type"))) {
            throw new Refused(new OAuthRefusal("unsupported_response_type", "Only response_type=code is supported"),
                    redirectUri, state);
        }
        String challenge = param.apply("code_challenge");
        if (challenge == null || !"S256".equals(param.apply("code_challenge_method"))
                || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw new Refused(new OAuthRefusal("invalid_request",
                    "PKCE is required: code_challenge (43 characters) with code_challenge_method=S256"), redirectUri, state);
        }
        Set<String> scopes;
        try {
            scopes = Scopes.parse(param.apply("scope"));
        } catch (RuntimeException e) {
            throw new Refused(new OAuthRefusal("invalid_scope", e.getMessage()), redirectUri, state);
        }
        if (scopes.isEmpty()) {
            scopes = Scopes.parse(defaultScope);
        }
        String resource = param.apply("resource");
        if (resource != null && !audiences.contains(resource)) {
            throw new Refused(new OAuthRefusal("invalid_target", "This server issues tokens for " + defaultResource
                    + " only, not for '" + resource + "'"), redirectUri, state);
        }
        return new AuthorizationRequest(client.clientId(), client.name(), redirectUri, state, challenge, scopes,
                resource == null ? defaultResource : resource, issuer);
    }

    /** Whether {@code userId} already allowed this client at least these scopes (then nobody is asked again). */
    public boolean remembered(long userId, AuthorizationRequest request) {
        return liveGrant(userId, request.clientId())
                .map(g -> Scopes.parse(g.getScopes()).containsAll(request.scopes())).orElse(false);
    }

    /**
     * The user allowed the request: their grant for the client (created, or its scopes widened to
     * what they allowed now), a code for it, and where the browser goes with it. A user outside the
     * MCP groups is refused with {@code access_denied}: a token would be refused anyway.
     */
    public Approval approve(long userId, AuthorizationRequest request) {
        User user = em.find(User.class, userId);
        if (user == null || !user.isActive() || user.effectiveGroups().stream().noneMatch(g -> MCP_GROUPS.contains(g.getXmlId()))) {
            String why = "User " + (user == null ? userId : user.getLogin())
                    + " may not use MCP: an administrator must add them to the group MCP User";
            return new Approval(deny(request, "access_denied", why), false, why);
        }
        LocalDateTime now = Tokens.now();
        OAuthGrant grant = liveGrant(userId, request.clientId()).orElse(null);
        if (grant == null) {
            grant = new OAuthGrant(user, request.clientId(), request.clientName(), Scopes.format(request.scopes()), now);
            em.persist(grant);
        } else {
            Set<String> union = new LinkedHashSet<>(Scopes.parse(grant.getScopes()));
            union.addAll(request.scopes());
            grant.used(now, Scopes.format(union));
        }
        String code = Tokens.random(Tokens.CODE_PREFIX);
        em.persist(new AuthorizationCode(Tokens.hash(code), grant, request.redirectUri(), request.codeChallenge(),
                Scopes.format(request.scopes()), request.resource(), now.plus(CODE_LIFETIME)));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        return new Approval(redirect(request.redirectUri(), answer, request.state(), request.issuer()), true, null);
    }

    /** Where the browser goes when the request is refused: the client's redirect URI with the error (and {@code iss}). */
    public static String deny(AuthorizationRequest request, String error, String description) {
        return redirect(request.redirectUri(), Map.of("error", error, "error_description", description),
                request.state(), request.issuer());
    }

    static String refusedRedirect(Refused refused, String issuer) {
        return redirect(refused.redirectUri, Map.of("error", refused.refusal.error(), "error_description",
                refused.refusal.description()), refused.state, issuer);
    }

    private static String redirect(String redirectUri, Map<String, String> params, String state, String issuer) {
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        all.forEach((k, v) -> url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }

    /**
     * The token endpoint (OAuth 2.1 section 3.2): {@code authorization_code} with the PKCE
     * verifier, or {@code refresh_token}, which rotates the refresh token. A code or refresh token
     * used a second time revokes its grant with every token under it.
     */
    TokenAnswer token(Function<String, String> form) {
        String grantType = form.apply("grant_type");
        String clientId = form.apply("client_id");
        if ("authorization_code".equals(grantType)) {
            return exchangeCode(form, clientId);
        }
        if ("refresh_token".equals(grantType)) {
            return refresh(form, clientId);
        }
        return refused("unsupported_grant_type", "grant_type must be authorization_code or refresh_token", null,
                clientId);
    }

    private TokenAnswer exchangeCode(Function<String, String> form, String clientId) {
        String code = form.apply("code");
        AuthorizationCode stored = code == null ? null : em.find(AuthorizationCode.class, Tokens.hash(code));
        if (stored == null) {
            return refused("invalid_grant", "Unknown authorization code", null, clientId);
        }
        OAuthGrant grant = stored.grant;
        LocalDateTime now = Tokens.now();
        if (stored.used != null) {
            grant.revoke(now, "authorization code reused");
            return refused("invalid_grant", "The authorization code was already used: the connection it belongs to "
                    + "is revoked", grant, clientId);
        }
        if (!grant.getClientId().equals(clientId)) {
            return refused("invalid_grant", "The authorization code was issued to another client", grant, clientId);
        }
        stored.used = now;
        if (!now.isBefore(stored.expires) || !grant.live()) {
            return refused("invalid_grant", "The authorization code expired", grant, clientId);
        }
        if (!stored.redirectUri.equals(form.apply("redirect_uri"))) {
            return refused("invalid_grant", "redirect_uri differs from the one of the authorization request", grant,
                    clientId);
        }
        String verifier = form.apply("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
                || !Tokens.s256(verifier).equals(stored.codeChallenge)) {
            return refused("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256)", grant,
                    clientId);
        }
        String resource = form.apply("resource");
        if (resource != null && !resource.equals(stored.resource)) {
            return refused("invalid_target", "resource differs from the one of the authorization request", grant,
                    clientId);
        }
        return issue(grant, stored.scopes, stored.resource, now);
    }

    private TokenAnswer refresh(Function<String, String> form, String clientId) {
        String token = form.apply("refresh_token");
        IssuedToken stored = token == null ? null : em.find(IssuedToken.class, Tokens.hash(token));
        if (stored == null || !IssuedToken.REFRESH.equals(stored.kind)) {
            return refused("invalid_grant", "Unknown refresh token", null, clientId);
        }
        OAuthGrant grant = stored.grant;
        LocalDateTime now = Tokens.now();
        if (stored.used != null && grant.live()) {
            // A rotated refresh token came back: one of two parties holds a stolen copy, so neither keeps the grant.
            grant.revoke(now, "refresh token reused");
            return refused("invalid_grant", "The refresh token was already used: the connection it belongs to is "
                    + "revoked, sign in again", grant, clientId);
        }
        if (!grant.getClientId().equals(clientId)) {
            return refused("invalid_grant", "The refresh token was issued to another client", grant, clientId);
        }
        if (!stored.validAt(now) || stored.used != null) {
            return refused("invalid_grant", "The refresh token expired or was revoked", grant, clientId);
        }
        Set<String> scopes = Scopes.parse(stored.scopes);
        String asked = form.apply("scope");
        if (asked != null && !asked.isBlank()) {
            Set<String> narrower;
            try {
                narrower = Scopes.parse(asked);
            } catch (RuntimeException e) {
                return refused("invalid_scope", e.getMessage(), grant, clientId);
            }
            if (!scopes.containsAll(narrower)) {
                return refused("invalid_scope", "A refresh can only keep or narrow the scopes granted ("
                        + stored.scopes + ")", grant, clientId);
            }
            scopes = narrower;
        }
        String resource = form.apply("resource");
        if (resource != null && !resource.equals(stored.resource)) {
            return refused("invalid_target", "resource differs from the one the grant was issued for", grant, clientId);
        }
        stored.used = now;
        return issue(grant, Scopes.format(scopes), stored.resource, now);
    }

    private TokenAnswer issue(OAuthGrant grant, String scopes, String resource, LocalDateTime now) {
        Duration accessLife = settings.getDuration(SettingKey.OAUTH_ACCESS_TOKEN_TTL);
        Duration refreshLife = settings.getDuration(SettingKey.OAUTH_REFRESH_TOKEN_TTL);
        String access = Tokens.random(Tokens.ACCESS_PREFIX);
        String refresh = Tokens.random(Tokens.REFRESH_PREFIX);
        em.persist(new IssuedToken(Tokens.hash(access), IssuedToken.ACCESS, grant, scopes, resource, now,
                now.plus(accessLife)));
        em.persist(new IssuedToken(Tokens.hash(refresh), IssuedToken.REFRESH, grant, scopes, resource, now,
                now.plus(refreshLife)));
        grant.used(now, null);
        JsonObject body = Jsons.createObjectBuilder().add("access_token", access).add("token_type", "Bearer")
                .add("expires_in", Math.max(1, accessLife.toSeconds())).add("refresh_token", refresh)
                .add("scope", scopes).build();
        return new TokenAnswer(body, null, grant.getUser().getId(), grant.getUser().getLogin(), grant.getClientId(),
                scopes);
    }

    private static TokenAnswer refused(String error, String description, OAuthGrant grant, String clientId) {
        return new TokenAnswer(null, new OAuthRefusal(error, description), grant == null ? null : grant.getUser().getId(),
                grant == null ? null : grant.getUser().getLogin(), clientId, null);
    }

    /**
     * Token revocation (RFC 7009): an access token stops working; a refresh token takes its
     * whole grant with it (section 2.1: the access tokens of that grant too). Unknown tokens and
     * tokens of another client change nothing, and the answer is the same (section 2.2).
     */
    Optional<OAuthGrant> revoke(String token, String clientId) {
        IssuedToken stored = token == null ? null : em.find(IssuedToken.class, Tokens.hash(token));
        if (stored == null || (clientId != null && !stored.grant.getClientId().equals(clientId))) {
            return Optional.empty();
        }
        LocalDateTime now = Tokens.now();
        if (IssuedToken.REFRESH.equals(stored.kind)) {
            stored.grant.revoke(now, "revoked by the client");
        }
        if (stored.revoked == null) {
            stored.revoked = now;
        }
        return Optional.of(stored.grant);
    }

    /** Revokes grants (the user's or an administrator's choice): every code and token under them stops working. */
    public void revoke(OAuthGrant grant, String reason) {
        (em.contains(grant) ? grant : em.find(OAuthGrant.class, grant.getId())).revoke(Tokens.now(), reason);
    }

    private Optional<OAuthGrant> liveGrant(long userId, String clientId) {
        return em.createQuery("select g from OAuthGrant g where g.user.id = :user and g.clientId = :client "
                        + "and g.revoked is null order by g.id desc", OAuthGrant.class)
                .setParameter("user", userId).setParameter("client", clientId).setMaxResults(1)
                .getResultStream().findFirst();
    }
}
