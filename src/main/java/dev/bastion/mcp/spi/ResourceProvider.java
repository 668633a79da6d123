package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A source of resources; every CDI bean implementing it contributes. */
public interface ResourceProvider {

    /** Concrete resources this caller may see, in a stable order. */
    List<ResourceDefinition> resources(RequestContext context);

    /** URI templates this caller may use ({@code uri} holds the template). */
    default List<ResourceDefinition> templates(RequestContext context) {
        return List.of();
    }

    /** The contents of {@code uri}, or empty when this provider does not know it. */
    Optional<List<JsonObject>> read(String uri, RequestContext context);

    /** Completion values for an argument of one of this provider's templates. */
    default List<String> complete(String uriTemplate, String argument, String prefix, RequestContext context) {
        return List.of();
    }

    /**
     * Completion values knowing the template's other arguments already chosen
     * ({@code context.arguments} of {@code completion/complete}, 2025-06-18 and later).
     */
    default List<String> complete(String uriTemplate, String argument, String prefix, Map<String, String> resolved,
                                  RequestContext context) {
        return complete(uriTemplate, argument, prefix, context);
    }
}
