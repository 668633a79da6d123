package dev.bastion.mcp.transport;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads POST bodies of both endpoints within {@code bastion.mcp.max-body-bytes}: a larger body
 * is refused with 413 before it is parsed, whatever its {@code Content-Length} claimed.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    SettingsService settings;

    long limit() {
        return settings.getCount(SettingKey.MCP_MAX_BODY_BYTES);
    }

    /**
     * The body as text.
     *
     * @throws TooLarge past the limit (what is left of the body was drained, up to a bound)
     * @throws McpException -32700 when the body cannot be read
     */
    String read(InputStream body, long declaredLength) throws TooLarge {
        long limit = limit();
        try {
            if (declaredLength > limit) {
                drain(body, limit);
                throw new TooLarge(limit);
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 512);
            byte[] chunk = new byte[8192];
            int n;
            while ((n = body.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > limit) {
                    drain(body, limit);
                    throw new TooLarge(limit);
                }
            }
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new McpException(ErrorCode.PARSE_ERROR, "Could not read the request body");
        }
    }

    /**
     * Reads what is left of an oversized body (up to a bound) so the client, still sending,
     * receives the 413 instead of a reset connection.
     */
    private static void drain(InputStream body, long limit) throws IOException {
        long budget = Math.max(limit * 16, 64L * 1024 * 1024);
        byte[] chunk = new byte[65536];
        int n;
        while (budget > 0 && (n = body.read(chunk)) > 0) {
            budget -= n;
        }
    }

    /** The body exceeded {@code bastion.mcp.max-body-bytes}. */
    static final class TooLarge extends Exception {
        final long limit;

        TooLarge(long limit) {
            super(null, null, false, false);
            this.limit = limit;
        }

        McpException asError() {
            return new McpException(ErrorCode.INVALID_REQUEST, "Request body larger than " + limit + " bytes");
        }
    }
}
