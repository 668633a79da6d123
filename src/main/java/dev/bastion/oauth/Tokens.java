package dev.bastion.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of the authorization server: opaque random values (256 bits, URL-safe), told
 * apart by a prefix ({@value #ACCESS_PREFIX} access tokens, {@value #REFRESH_PREFIX} refresh
 * tokens, {@value #CODE_PREFIX} codes), stored only as their SHA-256 (hex). Opaque rather than
 * JWT: the database row is what makes a token valid, so revocation counts on every node at once
 * and no signing key has to be kept or rotated.
 */
final class Tokens {

    static final String ACCESS_PREFIX = "bat_";
    static final String REFRESH_PREFIX = "brt_";
    static final String CODE_PREFIX = "bac_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String random(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** PKCE S256 (RFC 7636 section 4.2): BASE64URL(SHA256(ASCII(code_verifier))). */
    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
