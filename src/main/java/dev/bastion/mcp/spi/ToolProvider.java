package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** A source of tools; every CDI bean implementing it contributes. */
public interface ToolProvider {

    /** The tools this caller may see, in a stable order. */
    List<ToolDefinition> tools(RequestContext context);

    /**
     * The tool named {@code name} when this provider has it and the caller may see it. A
     * provider with many tools overrides this to find one without listing them all.
     */
    default Optional<ToolDefinition> find(String name, RequestContext context) {
        return tools(context).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Runs {@code tool}, which {@link #find} of this provider returned for this request.
     * Arguments were validated against the tool's input schema already.
     */
    ToolResult call(ToolDefinition tool, JsonObject arguments, RequestContext context);
}
