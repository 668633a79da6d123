package dev.bastion.oauth;

import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How the authorization server's endpoints answer: JSON that is never cached (RFC 6749 section
 * 5.1), readable from any browser origin (no cookie is involved, so CORS opens nothing: browser
 * based MCP clients fetch metadata and tokens too), errors as {@code {"error", "error_description"}}.
 */
final class OAuthResponses {

    private OAuthResponses() {
    }

    static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, int status, OAuthRefusal refusal) throws IOException {
        json(response, status, Jsons.createObjectBuilder().add("error", refusal.error())
                .add("error_description", refusal.description()).build());
    }

    /** CORS for any origin, and the answer to a preflight. */
    static void cors(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, MCP-Protocol-Version");
        response.setHeader("Access-Control-Max-Age", "3600");
    }

    /** A form parameter that was sent once at most (RFC 6749 section 3.1: parameters must not repeat). */
    static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new OAuthRefusal("invalid_request", "parameter " + name + " was sent more than once");
        }
        return values[0];
    }
}
