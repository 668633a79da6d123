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

    /**
     * Completion values knowing the prompt's other arguments already chosen
     * ({@code context.arguments} of {@code completion/complete}, 2025-06-18 and later).
     */
    default List<String> complete(String prompt, String argument, String prefix, Map<String, String> resolved,
                                  RequestContext context) {
        return complete(prompt, argument, prefix, context);
    }
}
