package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;
import java.util.List;
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
}
