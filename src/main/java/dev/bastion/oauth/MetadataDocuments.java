package dev.bastion.oauth;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document-00; MCP
 * authorization, "Client ID Metadata Documents"): a client whose {@code client_id} is an HTTPS
 * URL with a path is described by the JSON document at that URL. Fetched with a short timeout,
 * no redirects and at most {@value #MAX_BYTES} bytes; the document's {@code client_id} must be
 * the URL exactly, and it must name the client and its redirect URIs. Kept for its
 * {@code Cache-Control: max-age} (at most an hour, five minutes without one; failures for 30 s so
 * a bad URL cannot make the server fetch in a loop), at most {@value #MAX_ENTRIES} documents.
 *
 * <p>Server-side request forgery: the host must resolve to public addresses only, unless
 * {@code bastion.oauth.metadata-private-hosts} allows loopback and private ones (tests, a client
 * on the same network), which also allows plain HTTP from loopback. The name is resolved again
 * when the connection is made, so a DNS answer that changes in between is a remaining gap.
 */
@ApplicationScoped
public class MetadataDocuments {

    static final int MAX_BYTES = 5 * 1024;
    private static final int MAX_ENTRIES = 1_000;
    private static final Duration DEFAULT_AGE = Duration.ofMinutes(5);
    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Duration FAILURE_AGE = Duration.ofSeconds(30);
    private static final Pattern MAX_AGE_DIRECTIVE = Pattern.compile("max-age=(\\d{1,9})");

    @Inject
    SettingsService settings;

    private record Kept(RegisteredClient client, OAuthRefusal failure, long until) {
    }

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Whether {@code clientId} names a metadata document rather than a registered client. */
    static boolean looksLikeDocumentUrl(String clientId) {
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** The client the document at {@code url} describes; refused with {@code invalid_client} saying why. */
    RegisteredClient client(String url) {
        // Checked on every use, not kept: switching private hosts off counts at once.
        URI target = checkedTarget(url);
        long now = System.nanoTime();
        Kept entry = kept.get(url);
        if (entry == null || now - entry.until() > 0) {
            entry = fetch(url, target, now);
            if (kept.size() >= MAX_ENTRIES) {
                kept.clear();
            }
            kept.put(url, entry);
        }
        if (entry.failure() != null) {
            throw entry.failure();
        }
        return entry.client();
    }

    private Kept fetch(String url, URI uri, long now) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw refusal(url, "the document is larger than " + MAX_BYTES + " bytes");
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            if (response.statusCode() != 200) {
                throw refusal(url, "fetching it answered HTTP " + response.statusCode());
            }
            RegisteredClient client = parse(url, body);
            Duration age = response.headers().firstValue("Cache-Control").map(MetadataDocuments::maxAge)
                    .orElse(DEFAULT_AGE);
            return new Kept(client, null, now + age.toNanos());
        } catch (OAuthRefusal e) {
            return new Kept(null, e, now + FAILURE_AGE.toNanos());
        } catch (IOException e) {
            return new Kept(null, refusal(url, "it could not be fetched (" + e.getClass().getSimpleName() + ")"),
                    now + FAILURE_AGE.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Kept(null, refusal(url, "fetching it was interrupted"), now);
        }
    }

    /** The URL to fetch, when it is one the server may send a request to. */
    URI checkedTarget(String url) {
        boolean privateAllowed = settings.getBoolean(SettingKey.OAUTH_METADATA_PRIVATE_HOSTS);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw refusal(url, "it is not a URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null
                || uri.getPath() == null || uri.getPath().length() < 2) {
            throw refusal(url, "a client_id URL has a host, a path and no user info or fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw refusal(url, "its host does not resolve");
        }
        boolean anyPrivate = false;
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            anyPrivate |= isPrivate(address);
            allLoopback &= address.isLoopbackAddress();
        }
        if (anyPrivate && !privateAllowed) {
            throw refusal(url, "its host resolves to a loopback or private address, which this server does not fetch "
                    + "from (bastion.oauth.metadata-private-hosts)");
        }
        if (!"https".equals(scheme) && !("http".equals(scheme) && privateAllowed && allLoopback)) {
            throw refusal(url, "a client_id URL must use https");
        }
        return uri;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not public either.
        return ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) || b[0] == 0;
    }

    static RegisteredClient parse(String url, String body) {
        JsonObject document;
        try (var reader = jakarta.json.Json.createReader(new StringReader(body))) {
            document = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw refusal(url, "the document is not a JSON object");
        }
        if (!(document.get("client_id") instanceof JsonString id) || !id.getString().equals(url)) {
            throw refusal(url, "the document's client_id is not exactly its URL");
        }
        if (!(document.get("client_name") instanceof JsonString name) || name.getString().isBlank()) {
            throw refusal(url, "the document has no client_name");
        }
        if (document.get("token_endpoint_auth_method") instanceof JsonString method
                && !"none".equals(method.getString())) {
            throw refusal(url, "token_endpoint_auth_method " + method.getString()
                    + " is not supported: this server has public clients only (none, with PKCE)");
        }
        try {
            return new RegisteredClient(url, name.getString().strip(),
                    ClientRegistry.redirectUris(document.get("redirect_uris")), "metadata");
        } catch (OAuthRefusal e) {
            throw refusal(url, e.description());
        }
    }

    private static Duration maxAge(String cacheControl) {
        Matcher m = MAX_AGE_DIRECTIVE.matcher(cacheControl);
        if (cacheControl.contains("no-store") || cacheControl.contains("no-cache")) {
            return Duration.ZERO;
        }
        if (!m.find()) {
            return DEFAULT_AGE;
        }
        Duration age = Duration.ofSeconds(Long.parseLong(m.group(1)));
        return age.compareTo(MAX_AGE) > 0 ? MAX_AGE : age;
    }

    private static OAuthRefusal refusal(String url, String why) {
        return new OAuthRefusal("invalid_client", "The client metadata document " + url + " cannot be used: " + why);
    }
}
