package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** A source of tools; every CDI bean implementing it contributes. */
public interface ToolProvider {

    /** The tools this caller may see, in a stable order. */
    List<ToolDefinition> tools(RequestContext context);

    /**
     * Runs the named tool, or returns empty when this provider has no such tool. Arguments
     * were validated against the tool's input schema already.
     */
    Optional<ToolResult> call(String name, JsonObject arguments, RequestContext context);
}
