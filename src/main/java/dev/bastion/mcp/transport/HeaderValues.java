package dev.bastion.mcp.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of the 2026-07-28 request headers ({@code Mcp-Name}, {@code Mcp-Param-*}): trimmed,
 * and decoded when they use the Base64 sentinel {@code =?base64?...?=}. A sentinel with bad
 * Base64 (wrong alphabet, missing padding) or bytes that are not UTF-8 is not a value at all.
 *
 * <p>Spec: 2026-07-28 {@code basic/transports/streamable-http.mdx} "Value Encoding".
 */
final class HeaderValues {

    private static final Pattern SENTINEL = Pattern.compile("^=\\?base64\\?(.*)\\?=$");

    private HeaderValues() {
    }

    /** The decoded value, or empty when the header is absent or its encoding is invalid. */
    static Optional<String> decode(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        Matcher m = SENTINEL.matcher(value);
        if (!m.matches()) {
            return Optional.of(value);
        }
        String encoded = m.group(1);
        if (encoded.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
