package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.platform.InstallationIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code requestState} of multi round-trip requests: the provider's state, the caller it
 * was issued to and an expiry, HMAC-SHA256 signed with the installation's secret. Any node of
 * the installation can verify it; a changed byte, another caller or an old state is refused
 * (spec 2026-07-28 {@code basic/patterns/mrtr.mdx}: state is attacker-controlled input).
 */
@ApplicationScoped
public class RequestStateCodec {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Inject
    InstallationIdentity installation;

    private final Clock clock = Clock.systemUTC();

    /** Signs {@code state} for {@code caller}. */
    public String encode(JsonValue state, String caller) {
        JsonObject payload = Jsons.createObjectBuilder().add("c", caller)
                .add("e", clock.millis() + LIFETIME.toMillis())
                .add("s", state == null ? JsonValue.NULL : state).build();
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * The state inside {@code token} when it is genuine, meant for {@code caller} and not expired.
     *
     * @throws McpException -32602 otherwise, saying only that the state is not acceptable
     */
    public JsonValue decode(String token, String caller) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        String body = token.substring(0, dot);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw invalid();
        }
        JsonObject payload;
        try (JsonReader reader = Jsons.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8)))) {
            payload = reader.readObject();
        }
        if (!caller.equals(payload.getString("c", "")) || payload.getJsonNumber("e").longValue() < clock.millis()) {
            throw invalid();
        }
        return payload.get("s");
    }

    private static McpException invalid() {
        return McpException.invalidParams("requestState is not valid for this request: it was altered, "
                + "issued to another caller or expired; send the request again without it");
    }

    private byte[] mac(String body) {
        byte[] secret = installation.secret()
                .orElseThrow(() -> new IllegalStateException("The installation secret is not loaded yet"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
