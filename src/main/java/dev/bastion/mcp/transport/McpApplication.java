package dev.bastion.mcp.transport;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** JAX-RS lives under {@code /mcp} only: claiming {@code /} would hide the Faces pages. */
@ApplicationPath("/mcp")
public class McpApplication extends Application {

    /**
     * Responses are not buffered to compute a Content-Length, so each SSE frame of a POST
     * response stream reaches the client when it is flushed. The key is Jersey's (plain
     * string, no import); other JAX-RS implementations stream without it.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
