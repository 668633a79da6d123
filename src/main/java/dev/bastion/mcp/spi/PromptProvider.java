package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source of prompts; every CDI bean implementing it contributes. */
public interface PromptProvider {

    /** The prompts this caller may see, in a stable order. */
    List<PromptDefinition> prompts(RequestContext context);

    /**
     * Renders the named prompt ({@code description} and {@code messages} of a
     * {@code prompts/get} result), or returns empty when this provider has no such prompt.
     * Required arguments were checked already.
     */
    Optional<JsonObject> get(String name, Map<String, String> arguments, RequestContext context);

    /** Completion values for an argument of one of this provider's prompts. */
    default List<String> complete(String prompt, String argument, String prefix, RequestContext context) {
        return List.of();
    }
}
