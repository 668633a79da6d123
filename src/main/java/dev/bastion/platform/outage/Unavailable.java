package dev.bastion.platform.outage;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.platform.DatabaseAvailability;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the one answer for "cannot serve now": 503, {@code Retry-After}, a JSON-RPC error. */
final class Unavailable {

    private Unavailable() {
    }

    static void write(HttpServletResponse response, String message) {
        try {
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(DatabaseAvailability.RETRY_AFTER_SECONDS));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Jsons.createObjectBuilder().add("jsonrpc", "2.0").addNull("id")
                    .add("error", Jsons.createObjectBuilder().add("code", ErrorCode.UNAVAILABLE).add("message", message))
                    .build().toString());
            response.flushBuffer();
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the answer was already on its way: nothing left to tell it.
        }
    }
}
