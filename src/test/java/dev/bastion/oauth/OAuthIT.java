package dev.bastion.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.bastion.admin.ConsoleBrowser;
import dev.bastion.testing.Deployments;
import dev.bastion.testing.McpHttp;
import dev.bastion.testing.NodeClients;
import dev.bastion.testing.ToolCalls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * MCP authorization end to end on the shipped WAR: the official TypeScript SDK client discovers
 * the authorization server from the 401, registers itself (RFC 7591), sends the user to sign in
 * and consent in a real browser, exchanges the code, calls tools and refreshes its expired token;
 * then every refusal the issue lists, with tokens from real flows: revoked, expired, tampered,
 * for another audience, a wrong code_verifier, an unregistered redirect URI, a reused code, a
 * reused refresh token (the grant revoked), {@code mcp:read} calling {@code create} (403
 * {@code insufficient_scope}, nothing written) and a read-only API key likewise; Client ID
 * Metadata Documents (with their SSRF guard), pre-registered clients, DCR switched off, and
 * connections users see and revoke. One server and one browser for the class.
 */
@ExtendWith(ArquillianExtension.class)
class OAuthIT {

    private static final String ADMIN_KEY = System.getProperty("it.admin.api-key");
    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @ArquillianResource
    URL base;

    private static ConsoleBrowser browser;
    private static HttpServer callbacks;
    private static final BlockingQueue<Map<String, String>> RECEIVED = new LinkedBlockingQueue<>();
    private static volatile String metadataDocument;
    /** The keys the test's external identity provider publishes. */
    private static volatile String jwks = "{\"keys\":[]}";
    private static boolean consentShown;

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (callbacks != null) {
            callbacks.stop(0);
            callbacks = null;
        }
    }

    @AfterEach
    void restoreSettings() throws Exception {
        for (String key : List.of("bastion.oauth.access-token-ttl", "bastion.oauth.dynamic-registration",
                "bastion.oauth.metadata-private-hosts", "bastion.oauth.external.issuer",
                "bastion.oauth.external.user-claim", "bastion.oauth.external.create-users")) {
            admin().success("set_setting", "{\"key\":\"" + key + "\",\"value\":null}");
        }
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void a401PointsToTheMetadataAndTheMetadataToTheAuthorizationServer() throws Exception {
        McpHttp.Reply anonymous = new McpHttp(mcp()).post(initialize());
        assertEquals(401, anonymous.status(), anonymous.body());
        String challenge = anonymous.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer "), challenge);
        assertTrue(challenge.contains("resource_metadata=\"" + origin() + "/.well-known/oauth-protected-resource/mcp\""),
                challenge);
        assertTrue(challenge.contains("scope=\"mcp:read mcp:write\""), challenge);
        assertFalse(challenge.contains("invalid_token"), "no token, so no invalid_token: " + challenge);

        JsonObject resource = getJson("/.well-known/oauth-protected-resource/mcp");
        assertEquals(origin() + "/mcp", resource.getString("resource"));
        assertEquals(List.of(origin()), strings(resource, "authorization_servers"));
        assertEquals(List.of("mcp:read", "mcp:write", "mcp:admin"), strings(resource, "scopes_supported"));
        assertEquals(origin(), getJson("/.well-known/oauth-protected-resource").getString("resource"));

        JsonObject server = getJson("/.well-known/oauth-authorization-server");
        assertEquals(origin(), server.getString("issuer"));
        assertEquals(List.of("S256"), strings(server, "code_challenge_methods_supported"));
        assertEquals(List.of("code"), strings(server, "response_types_supported"));
        assertTrue(server.getBoolean("authorization_response_iss_parameter_supported"));
        assertTrue(server.getBoolean("client_id_metadata_document_supported"));
        assertEquals(origin() + "/oauth/register", server.getString("registration_endpoint"));
        assertEquals(origin() + "/oauth/revoke", server.getString("revocation_endpoint"));

        McpHttp.Reply unknown = new McpHttp(mcp(), "bat_" + "x".repeat(43)).post(initialize());
        assertEquals(401, unknown.status());
        assertTrue(unknown.header("WWW-Authenticate").contains("error=\"invalid_token\""), unknown.header("WWW-Authenticate"));
    }

    // ---------------------------------------------------------------- the official client, end to end

    @Test
    void theTypeScriptSdkSignsInThroughTheBrowserCallsToolsRefreshesAndIsRevoked() throws Exception {
        admin().success("set_setting", "{\"key\":\"bastion.oauth.access-token-ttl\",\"value\":\"4s\"}");
        NodeClients.Running node = NodeClients.start("oauth.mjs", List.of(mcp().toString(), "5"));
        JsonObject report;
        try {
            String authorizationUrl = node.awaitLine("AUTHORIZE ", 90);
            assertTrue(authorizationUrl.startsWith(origin() + "/oauth/authorize?"), authorizationUrl);
            Map<String, String> asked = query(URI.create(authorizationUrl));
            assertEquals("S256", asked.get("code_challenge_method"));
            assertEquals(origin() + "/mcp", asked.get("resource"));
            assertEquals("mcp:read mcp:write", asked.get("scope"), "the SDK asks for the scopes of the 401");
            signInAndAllow(authorizationUrl, By.id("callback-done"));
            report = node.report(90);
        } finally {
            node.stop();
        }
        assertFalse(report.containsKey("error"), report.toString());
        assertEquals("unauthorized", report.getString("firstError"));
        assertTrue(report.getBoolean("issMatches"), "RFC 9207 iss on the redirect: " + report);
        assertTrue(report.getString("clientId").startsWith("dyn_"), "registered dynamically: " + report);
        assertEquals("mcp:read mcp:write", report.getString("scope"));
        List<String> tools = strings(report, "tools");
        assertTrue(tools.contains("count") && tools.contains("create"), tools.toString());
        assertFalse(tools.contains("list_sessions"), "mcp:admin was not granted, so no administration tool: " + tools);
        assertEquals(report.getJsonNumber("count").longValue(), report.getJsonNumber("countAfterRefresh").longValue());
        assertTrue(report.getBoolean("refreshed"), "the expired token was refreshed: " + report);

        String clientId = report.getString("clientId");
        String access = report.getString("accessToken");
        assertEquals(200, mcpStatus(access, mcp()));
        assertEquals(401, mcpStatus(report.getString("expiredAccessToken"), mcp()), "an expired token is refused");
        String tampered = access.substring(0, access.length() - 1) + (access.endsWith("A") ? "B" : "A");
        assertEquals(401, mcpStatus(tampered, mcp()), "a tampered token is refused");
        URI otherAudience = URI.create("http://127.0.0.1:" + base.getPort() + "/mcp");
        assertEquals(401, mcpStatus(access, otherAudience), "a token for " + origin() + "/mcp is refused at " + otherAudience);

        HttpResponse<String> revoked = post("/oauth/revoke", Map.of("token", report.getString("refreshToken"),
                "client_id", clientId));
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(401, mcpStatus(access, mcp()), "revoking the refresh token revokes the connection's access tokens");
        assertEquals("invalid_grant", token(Map.of("grant_type", "refresh_token", "refresh_token",
                report.getString("refreshToken"), "client_id", clientId)).getString("error"));

        Set<String> audited = awaitAudit(clientId, Set.of("oauth/register", "oauth/authorize", "oauth/token",
                "oauth/refresh", "oauth/revoke", "tools/call"));
        assertTrue(audited.containsAll(Set.of("oauth/register", "oauth/authorize", "oauth/token", "oauth/refresh",
                "oauth/revoke", "tools/call")), "audited with the OAuth client named: " + audited);
    }

    // ---------------------------------------------------------------- refusals with a pre-registered client

    @Test
    void codesAreGoodOnceForTheRightVerifierAndRedirectAndRefreshTokensRotate() throws Exception {
        String client = preRegisteredClient();
        String redirect = callbackUrl();

        HttpResponse<String> elsewhere = get("/oauth/authorize?" + form(authorizeParams(client,
                "http://127.0.0.1:1/stolen", "mcp:read", challenge(verifier()))));
        assertEquals(400, elsewhere.statusCode(), "an unregistered redirect URI is refused on a page");
        assertTrue(elsewhere.headers().firstValue("Location").isEmpty(), "and nothing is redirected there");
        assertTrue(elsewhere.body().contains("is not one registered"), elsewhere.body());

        Map<String, String> noPkce = authorizeParams(client, redirect, "mcp:read", null);
        Map<String, String> refused = query(URI.create(get("/oauth/authorize?" + form(noPkce)).headers()
                .firstValue("Location").orElseThrow()));
        assertEquals("invalid_request", refused.get("error"));
        assertEquals(origin(), refused.get("iss"), "RFC 9207: iss on error responses too");

        Map<String, String> otherTarget = new HashMap<>(authorizeParams(client, redirect, "mcp:read", challenge(verifier())));
        otherTarget.put("resource", "https://elsewhere.example/mcp");
        assertEquals("invalid_target", query(URI.create(get("/oauth/authorize?" + form(otherTarget)).headers()
                .firstValue("Location").orElseThrow())).get("error"));

        // A wrong code_verifier: refused, and the code is spent.
        String verifier = verifier();
        Map<String, String> answer = authorizeInBrowser(client, redirect, "mcp:read mcp:write", verifier);
        assertEquals(origin(), answer.get("iss"));
        assertEquals("invalid_grant", exchange(client, redirect, answer.get("code"), verifier()).getString("error"));

        // A code used twice: the second time revokes the grant and the tokens of the first.
        String verifier2 = verifier();
        String code2 = authorizeInBrowser(client, redirect, "mcp:read mcp:write", verifier2).get("code");
        JsonObject tokens2 = exchange(client, redirect, code2, verifier2);
        assertEquals(200, mcpStatus(tokens2.getString("access_token"), mcp()), tokens2.toString());
        assertEquals("invalid_grant", exchange(client, redirect, code2, verifier2).getString("error"));
        assertEquals(401, mcpStatus(tokens2.getString("access_token"), mcp()), "a reused code revokes its grant");

        // A code sent back with another redirect URI than it was issued for.
        String verifier3 = verifier();
        String code3 = authorizeInBrowser(client, redirect, "mcp:read mcp:write", verifier3).get("code");
        assertEquals("invalid_grant", exchange(client, redirect + "?other", code3, verifier3).getString("error"));

        // Refresh tokens rotate; the rotated one coming back revokes the whole grant.
        String verifier4 = verifier();
        JsonObject tokens4 = exchange(client, redirect, authorizeInBrowser(client, redirect, "mcp:read mcp:write",
                verifier4).get("code"), verifier4);
        String firstRefresh = tokens4.getString("refresh_token");
        JsonObject rotated = token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh, "client_id", client));
        assertNotEquals(firstRefresh, rotated.getString("refresh_token"), rotated.toString());
        assertEquals(200, mcpStatus(rotated.getString("access_token"), mcp()));
        assertEquals("invalid_grant", token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh,
                "client_id", client)).getString("error"));
        assertEquals(401, mcpStatus(rotated.getString("access_token"), mcp()), "a reused refresh token revokes the grant");
        assertEquals("invalid_grant", token(Map.of("grant_type", "refresh_token", "refresh_token",
                rotated.getString("refresh_token"), "client_id", client)).getString("error"));

        // Expiry: a token issued while the lifetime is one second.
        admin().success("set_setting", "{\"key\":\"bastion.oauth.access-token-ttl\",\"value\":\"1s\"}");
        String verifier5 = verifier();
        JsonObject shortLived = exchange(client, redirect, authorizeInBrowser(client, redirect, "mcp:read", verifier5)
                .get("code"), verifier5);
        Thread.sleep(1500);
        assertEquals(401, mcpStatus(shortLived.getString("access_token"), mcp()), "an expired token is refused");
    }

    @Test
    void aReadTokenAndAReadOnlyKeyCannotWriteAnd403NamesTheScope() throws Exception {
        String client = preRegisteredClient();
        String redirect = callbackUrl();
        String verifier = verifier();
        JsonObject tokens = exchange(client, redirect, authorizeInBrowser(client, redirect, "mcp:read", verifier)
                .get("code"), verifier);
        assertEquals("mcp:read", tokens.getString("scope"));
        String readOnlyKey = admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\","
                + "\"ids\":[" + adminId() + "],\"kwargs\":{\"name\":\"read-only\",\"scopes\":\"mcp:read\"}}")
                .getJsonObject("result").getString("key");

        for (String credential : List.of(tokens.getString("access_token"), readOnlyKey)) {
            String name = "OAuth scope probe " + UUID.randomUUID();
            ToolCalls calls = new ToolCalls(URI.create(base.toString()), credential);
            assertEquals(200, calls.call("search", "{\"model\":\"res.partner\",\"limit\":1}").status());
            McpHttp.Reply create = calls.call("create", "{\"model\":\"res.partner\",\"values\":{\"name\":\"" + name + "\"}}");
            assertEquals(403, create.status(), create.body());
            String challenge = create.header("WWW-Authenticate");
            assertTrue(challenge.contains("error=\"insufficient_scope\"") && challenge.contains("scope=\"mcp:write\"")
                    && challenge.contains("resource_metadata=\"" + origin() + "/.well-known/oauth-protected-resource/mcp\""),
                    challenge);
            JsonObject error = create.json().getJsonObject("error");
            assertEquals(1, create.json().getInt("id"), "the JSON-RPC id is echoed");
            assertEquals("insufficient_scope", error.getJsonObject("data").getString("error"));
            assertEquals("mcp:write", error.getJsonObject("data").getString("scope"));
            assertEquals(0, admin().success("count", "{\"model\":\"res.partner\",\"domain\":[[\"name\",\"=\",\""
                    + name + "\"]]}").getInt("count"), "nothing written");
            McpHttp.Reply listed = new McpHttp(mcp(), credential).post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                    + "\"tools/list\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}", "MCP-Protocol-Version", "2026-07-28",
                    "Mcp-Method", "tools/list");
            String names = listed.json().getJsonObject("result").getJsonArray("tools").stream()
                    .map(t -> t.asJsonObject().getString("name")).collect(Collectors.joining(","));
            assertTrue(names.contains("search") && !names.contains("create") && !names.contains("set_setting"), names);
        }
    }

    // ---------------------------------------------------------------- client registration

    @Test
    void clientIdMetadataDocumentsAreFetchedOnlyWhereAllowedAndTheirRedirectsEnforced() throws Exception {
        String documentUrl = callbackUrl().replace("/cb", "/client.json");
        metadataDocument = Json.createObjectBuilder().add("client_id", documentUrl)
                .add("client_name", "IT metadata client").add("redirect_uris", Json.createArrayBuilder().add(callbackUrl()))
                .add("token_endpoint_auth_method", "none").build().toString();
        HttpResponse<String> guarded = get("/oauth/authorize?" + form(authorizeParams(documentUrl, callbackUrl(),
                "mcp:read", challenge(verifier()))));
        assertEquals(400, guarded.statusCode());
        assertTrue(guarded.body().contains("loopback or private address"), "SSRF guard: " + guarded.body());

        admin().success("set_setting", "{\"key\":\"bastion.oauth.metadata-private-hosts\",\"value\":\"true\"}");
        HttpResponse<String> notListed = get("/oauth/authorize?" + form(authorizeParams(documentUrl,
                callbackUrl() + "/other", "mcp:read", challenge(verifier()))));
        assertEquals(400, notListed.statusCode(), "a redirect URI the document does not list: " + notListed.body());

        String verifier = verifier();
        Map<String, String> answer = authorizeInBrowser(documentUrl, callbackUrl(), "mcp:read", verifier);
        JsonObject tokens = exchange(documentUrl, callbackUrl(), answer.get("code"), verifier);
        assertEquals(200, mcpStatus(tokens.getString("access_token"), mcp()), tokens.toString());
    }

    @Test
    void dynamicRegistrationChecksRedirectsAndCanBeSwitchedOff() throws Exception {
        HttpResponse<String> bad = postJson("/oauth/register", "{\"client_name\":\"x\",\"redirect_uris\":[\"javascript:alert(1)\"]}");
        assertEquals(400, bad.statusCode());
        assertEquals("invalid_redirect_uri", json(bad.body()).getString("error"));
        assertEquals(400, postJson("/oauth/register", "{\"redirect_uris\":\"not a list\"}").statusCode());
        HttpResponse<String> good = postJson("/oauth/register", "{\"client_name\":\"IT\",\"redirect_uris\":[\""
                + callbackUrl() + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}");
        assertEquals(201, good.statusCode(), good.body());
        assertEquals("none", json(good.body()).getString("token_endpoint_auth_method"), "public clients only");

        admin().success("set_setting", "{\"key\":\"bastion.oauth.dynamic-registration\",\"value\":\"false\"}");
        HttpResponse<String> off = postJson("/oauth/register", "{\"client_name\":\"IT\",\"redirect_uris\":[\""
                + callbackUrl() + "\"]}");
        assertEquals(403, off.statusCode(), off.body());
        assertFalse(getJson("/.well-known/oauth-authorization-server").containsKey("registration_endpoint"));
    }

    // ---------------------------------------------------------------- connections

    @Test
    void usersSeeOnlyTheirOwnConnectionsAndRevokingOneRefusesItsTokens() throws Exception {
        String client = preRegisteredClient();
        String redirect = callbackUrl();
        String verifier = verifier();
        JsonObject tokens = exchange(client, redirect, authorizeInBrowser(client, redirect, "mcp:read", verifier)
                .get("code"), verifier);
        JsonObject grants = admin().success("search", "{\"model\":\"oauth.grant\",\"domain\":[[\"client_id\",\"=\",\""
                + client + "\"],[\"revoked_at\",\"=\",false]],\"fields\":[\"client_name\",\"scopes\",\"last_used\",\"user_id\"]}");
        JsonObject grant = grants.getJsonArray("records").getJsonObject(0);
        assertEquals("IT pre-registered", grant.getString("client_name"));
        assertFalse(grant.isNull("last_used"));

        String login = "oauth." + UUID.randomUUID().toString().substring(0, 8);
        long userId = admin().success("create", "{\"model\":\"res.users\",\"values\":{\"login\":\"" + login
                + "\",\"name\":\"OAuth User\",\"company_id\":1,\"company_ids\":[[6,0,[1]]],\"groups_id\":[[6,0,[1,3]]]}}")
                .getJsonArray("ids").getJsonNumber(0).longValue();
        String userKey = admin().success("method_call", "{\"model\":\"res.users\",\"method\":\"action_create_api_key\","
                + "\"ids\":[" + userId + "],\"kwargs\":{\"name\":\"connections\"}}").getJsonObject("result").getString("key");
        ToolCalls user = new ToolCalls(URI.create(base.toString()), userKey);
        assertEquals(0, user.success("count", "{\"model\":\"oauth.grant\"}").getInt("count"), "only their own connections");
        McpHttp.Reply foreign = user.call("method_call", "{\"model\":\"oauth.grant\",\"method\":\"action_revoke\",\"ids\":["
                + grant.getInt("id") + "]}");
        assertEquals(200, mcpStatus(tokens.getString("access_token"), mcp()), "another user cannot revoke it: " + foreign.body());

        admin().success("method_call", "{\"model\":\"oauth.grant\",\"method\":\"action_revoke\",\"ids\":["
                + grant.getInt("id") + "]}");
        assertEquals(401, mcpStatus(tokens.getString("access_token"), mcp()), "revoked through the engine");

        // My account → Connections: the user's own, revoked there too.
        String verifier2 = verifier();
        JsonObject again = exchange(client, redirect, authorizeInBrowser(client, redirect, "mcp:read", verifier2)
                .get("code"), verifier2);
        ConsoleBrowser b = browser();
        b.open("/admin/account/connections.xhtml");
        b.waitFor(By.id("list:connections"));
        By active = By.xpath("//tr[contains(., 'IT pre-registered') and .//button[contains(@class, 'revoke')]]//button");
        b.waitFor(active).click();
        b.waitForText(By.id("messages"), "revoked");
        b.screenshot("oauth-connections");
        assertEquals(401, mcpStatus(again.getString("access_token"), mcp()), "revoked on the Connections page");
    }

    // ---------------------------------------------------------------- an external identity provider

    @Test
    void anExternalProvidersTokensAreAcceptedAndOtherIssuersAndKeysRefused() throws Exception {
        String issuer = callbackUrl().replace("/cb", "/idp");
        RSAKey key = new RSAKeyGenerator(2048).keyID("it-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("it-1").generate();
        jwks = new JWKSet(key.toPublicJWK()).toString();
        admin().success("set_setting", "{\"key\":\"bastion.oauth.external.issuer\",\"value\":\"" + issuer + "\"}");
        admin().success("set_setting", "{\"key\":\"bastion.oauth.external.user-claim\",\"value\":\"preferred_username\"}");
        assertEquals(List.of(issuer, origin()), strings(getJson("/.well-known/oauth-protected-resource/mcp"),
                "authorization_servers"), "the external provider is named first");

        String good = jwt(key, issuer, origin() + "/mcp", "admin", "mcp:read", 300);
        assertEquals(200, mcpStatus(good, mcp()), "a token of the configured provider is accepted");
        McpHttp.Reply create = new ToolCalls(URI.create(base.toString()), good).call("create",
                "{\"model\":\"res.partner\",\"values\":{\"name\":\"external probe\"}}");
        assertEquals(403, create.status(), "its scopes narrow it like any token: " + create.body());

        assertEquals(401, mcpStatus(jwt(stranger, issuer, origin() + "/mcp", "admin", "mcp:read", 300), mcp()),
                "signed by another key");
        assertEquals(401, mcpStatus(jwt(key, "https://other-issuer.example", origin() + "/mcp", "admin", "mcp:read", 300),
                mcp()), "of another issuer");
        assertEquals(401, mcpStatus(jwt(key, issuer, "https://other.example/mcp", "admin", "mcp:read", 300), mcp()),
                "for another audience");
        assertEquals(401, mcpStatus(jwt(key, issuer, origin() + "/mcp", "admin", "mcp:read", -120), mcp()), "expired");
        assertEquals(401, mcpStatus(jwt(key, issuer, origin() + "/mcp", "admin", "openid email", 300), mcp()),
                "without any of this server's scopes");
        String tampered = good.substring(0, good.lastIndexOf('.') - 2) + "xx" + good.substring(good.lastIndexOf('.'));
        assertEquals(401, mcpStatus(tampered, mcp()), "tampered claims");

        // Rotation: a token signed by a new key the provider now publishes is verified after a refetch.
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("it-2").generate();
        jwks = new JWKSet(List.of(key.toPublicJWK(), rotated.toPublicJWK())).toString();
        Thread.sleep(2500);
        assertEquals(200, mcpStatus(jwt(rotated, issuer, origin() + "/mcp", "admin", "mcp:read", 300), mcp()),
                "a rotated key is fetched");

        String newcomer = "ext." + UUID.randomUUID().toString().substring(0, 8);
        String theirs = jwt(key, issuer, origin() + "/mcp", newcomer, "mcp:read", 300);
        assertEquals(401, mcpStatus(theirs, mcp()), "an unknown user, while users are not created");
        admin().success("set_setting", "{\"key\":\"bastion.oauth.external.create-users\",\"value\":\"true\"}");
        assertEquals(200, mcpStatus(theirs, mcp()), "created on first use");
        assertEquals(1, admin().success("count", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\""
                + newcomer + "\"]]}").getInt("count"));
    }

    private static String jwt(RSAKey key, String issuer, String audience, String user, String scope, long seconds)
            throws Exception {
        java.util.Date now = new java.util.Date();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("sub-" + user).audience(audience)
                .claim("preferred_username", user).claim("scope", scope).claim("azp", "it-external")
                .issueTime(now).expirationTime(new java.util.Date(now.getTime() + seconds * 1000)).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }

    // ---------------------------------------------------------------- helpers

    private ToolCalls admin() {
        return new ToolCalls(URI.create(base.toString()), ADMIN_KEY);
    }

    private long adminId() throws Exception {
        return admin().success("search", "{\"model\":\"res.users\",\"domain\":[[\"login\",\"=\",\"admin\"]],"
                + "\"fields\":[\"login\"]}").getJsonArray("records").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** The server as clients name it: scheme, host and port, no trailing slash. */
    private String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    private URI mcp() {
        return URI.create(origin() + "/mcp");
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"oauth-it\",\"version\":\"1\"}}}";
    }

    private static int mcpStatus(String token, URI endpoint) throws Exception {
        return new McpHttp(endpoint, token).post(initialize()).status();
    }

    /** A client an administrator registered through the data engine, redirecting to this test's callback. */
    private synchronized String preRegisteredClient() throws Exception {
        // One per callback server: the database outlives test runs, the callback's port does not.
        String id = "it-preregistered-" + URI.create(callbackUrl()).getPort();
        if (admin().success("count", "{\"model\":\"oauth.client\",\"domain\":[[\"client_id\",\"=\",\"" + id + "\"]]}")
                .getInt("count") == 0) {
            admin().success("create", "{\"model\":\"oauth.client\",\"values\":{\"client_id\":\"" + id
                    + "\",\"name\":\"IT pre-registered\",\"redirect_uris\":\"" + callbackUrl() + "\"}}");
        }
        return id;
    }

    /** The redirect URI of this test: a loopback server that keeps what the browser brings. */
    private static synchronized String callbackUrl() throws Exception {
        if (callbacks == null) {
            callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            callbacks.createContext("/cb", exchange -> {
                RECEIVED.add(query(exchange.getRequestURI()));
                byte[] page = "<!DOCTYPE html><title>done</title><p id=\"callback-done\">done</p>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            callbacks.createContext("/client.json", exchange -> {
                byte[] document = String.valueOf(metadataDocument).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Cache-Control", "max-age=0, no-cache");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
                exchange.close();
            });
            callbacks.createContext("/idp/.well-known/openid-configuration", exchange -> {
                String issuer = "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/idp";
                byte[] document = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
                exchange.close();
            });
            callbacks.createContext("/idp/jwks", exchange -> {
                byte[] document = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
                exchange.close();
            });
            callbacks.start();
        }
        return "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/cb";
    }

    private ConsoleBrowser browser() {
        if (browser == null) {
            browser = new ConsoleBrowser(base.toString());
        }
        return browser;
    }

    /**
     * Opens {@code url} in the browser, signs in as admin when the sign-in form comes, allows when
     * the consent page comes, and waits for {@code done} (the client's callback page).
     */
    private void signInAndAllow(String url, By done) {
        ConsoleBrowser b = browser();
        b.driver.get(url);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!b.driver.findElements(done).isEmpty()) {
                return;
            }
            if (!b.driver.findElements(By.id("username")).isEmpty() && b.driver.getCurrentUrl().contains("login.html")) {
                assertTrue(b.driver.getCurrentUrl().contains("return="), "sign-in comes back to the consent: "
                        + b.driver.getCurrentUrl());
                b.driver.findElement(By.id("username")).sendKeys("admin");
                b.driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
                b.driver.findElement(By.id("sign-in")).click();
            } else if (!b.driver.findElements(By.id("consent:allow")).isEmpty()) {
                if (!consentShown) {
                    b.screenshot("oauth-consent");
                    consentShown = true;
                }
                b.driver.findElement(By.id("consent:allow")).click();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        b.screenshot("oauth-stuck");
        throw new AssertionError("the browser did not reach the callback; it shows " + b.driver.getCurrentUrl());
    }

    private Map<String, String> authorizeParams(String client, String redirect, String scope, String challenge) {
        Map<String, String> params = new HashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client);
        params.put("redirect_uri", redirect);
        params.put("scope", scope);
        params.put("state", "it-" + UUID.randomUUID());
        params.put("resource", origin() + "/mcp");
        if (challenge != null) {
            params.put("code_challenge", challenge);
            params.put("code_challenge_method", "S256");
        }
        return params;
    }

    /** An authorization in the browser (signing in and consenting as needed): what came back to the callback. */
    private Map<String, String> authorizeInBrowser(String client, String redirect, String scope, String verifier)
            throws Exception {
        RECEIVED.clear();
        signInAndAllow(origin() + "/oauth/authorize?" + form(authorizeParams(client, redirect, scope, challenge(verifier))),
                By.id("callback-done"));
        Map<String, String> answer = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertTrue(answer != null && answer.containsKey("code"), "a code came back: " + answer);
        assertNull(answer.get("error"));
        return answer;
    }

    private JsonObject exchange(String client, String redirect, String code, String verifier) throws Exception {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "client_id", client, "code_verifier", verifier, "resource", origin() + "/mcp"));
    }

    private JsonObject token(Map<String, String> form) throws Exception {
        HttpResponse<String> response = post("/oauth/token", form);
        JsonObject body = json(response.body());
        assertEquals(body.containsKey("error") ? 400 : 200, response.statusCode(), response.body());
        return body;
    }

    private Set<String> awaitAudit(String client, Set<String> wanted) throws Exception {
        Set<String> methods = Set.of();
        for (int i = 0; i < 50 && !methods.containsAll(wanted); i++) {
            Thread.sleep(200);
            methods = admin().success("search", "{\"model\":\"mcp.audit.log\",\"domain\":[[\"oauth_client\",\"=\",\""
                    + client + "\"]],\"fields\":[\"method\"],\"limit\":200}").getJsonArray("records").stream()
                    .map(r -> r.asJsonObject().getString("method")).collect(Collectors.toSet());
        }
        return methods;
    }

    private static String verifier() {
        return UUID.randomUUID().toString() + UUID.randomUUID();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return json(response.body());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
