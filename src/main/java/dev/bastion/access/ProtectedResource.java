package dev.bastion.access;

import dev.bastion.access.edge.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * {@code /mcp} as an OAuth protected resource (RFC 9728): its canonical URI as the client reached
 * it ({@link PublicUrl}: the request's host, or the forwarded one from a trusted proxy), where its
 * metadata is, and the {@code WWW-Authenticate} challenges of its 401 and 403 answers (RFC 6750
 * section 3, MCP authorization "Protected Resource Metadata Discovery Requirements").
 */
@ApplicationScoped
public class ProtectedResource {

    /** What a client without a token is told to ask for: enough to read and write data, not to administer. */
    public static final String DEFAULT_SCOPE = Scopes.READ + " " + Scopes.WRITE;
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    @Inject
    PublicUrl publicUrl;

    /** The canonical URI of the MCP endpoint: {@code https://host/mcp}. */
    public String uri(HttpServletRequest request) {
        return publicUrl.of(request) + "/mcp";
    }

    /** The server's base URL (scheme, host, context path), which is also the issuer of the embedded authorization server. */
    public String base(HttpServletRequest request) {
        return publicUrl.of(request);
    }

    /**
     * The resource identifiers a token may have been issued for: the endpoint and the server as a
     * whole (the root metadata document names the latter).
     */
    public Set<String> audiences(HttpServletRequest request) {
        String base = publicUrl.of(request);
        return Set.of(base + "/mcp", base);
    }

    /** The path-suffixed metadata URL of {@code /mcp} (RFC 9728 section 3.1). */
    public String metadataUrl(HttpServletRequest request) {
        return publicUrl.of(request) + METADATA_PATH + "/mcp";
    }

    /** The challenge of a 401: where the metadata is and which scopes to ask for; {@code invalid_token} when one was sent. */
    public String unauthorized(HttpServletRequest request, boolean tokenSent) {
        return "Bearer resource_metadata=\"" + metadataUrl(request) + "\", scope=\"" + DEFAULT_SCOPE + "\""
                + (tokenSent ? ", error=\"invalid_token\"" : "");
    }

    /** The challenge of a 403 for a token or key without {@code scope} (MCP authorization "Runtime Insufficient Scope Errors"). */
    public String insufficientScope(HttpServletRequest request, String scope, String description) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\", resource_metadata=\"" + metadataUrl(request)
                + "\", error_description=\"" + description.replace("\\", "").replace("\"", "'") + "\"";
    }
}
