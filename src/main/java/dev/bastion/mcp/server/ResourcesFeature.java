package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.spi.ResourceDefinition;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.mcp.spi.ResourceProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Resources: list, templates/list, read, subscribe and unsubscribe over every {@link ResourceProvider}. */
@ApplicationScoped
public class ResourcesFeature {

    private static final Logger LOG = Logger.getLogger(ResourcesFeature.class.getName());

    @Inject
    Instance<ResourceProvider> providers;

    private List<ResourceProvider> providers() {
        return Providers.ordered(providers);
    }

    JsonObject list(JsonObject params, Exchange exchange, int pageSize) {
        List<ResourceDefinition> all = new ArrayList<>();
        providers().forEach(p -> all.addAll(p.resources(exchange)));
        return Cursor.page("resources", all, r -> toJson(r, "uri", exchange), params, pageSize);
    }

    JsonObject templates(JsonObject params, Exchange exchange, int pageSize) {
        List<ResourceDefinition> all = new ArrayList<>();
        providers().forEach(p -> all.addAll(p.templates(exchange)));
        return Cursor.page("resourceTemplates", all, r -> toJson(r, "uriTemplate", exchange), params, pageSize);
    }

    private static JsonObject toJson(ResourceDefinition r, String uriKey, Exchange exchange) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add(uriKey, r.uri()).add("name", r.name());
        if (r.title() != null && exchange.revision().hasTitles()) {
            b.add("title", r.title());
        }
        if (r.description() != null) {
            b.add("description", r.description());
        }
        if (r.mimeType() != null) {
            b.add("mimeType", r.mimeType());
        }
        return b.build();
    }

    JsonObject read(JsonObject params, Exchange exchange) {
        String uri = uriOf(params);
        for (ResourceProvider provider : providers()) {
            Optional<List<JsonObject>> contents = provider.read(uri, exchange);
            if (contents.isPresent()) {
                JsonArrayBuilder array = Jsons.createArrayBuilder();
                contents.get().forEach(array::add);
                return Jsons.createObjectBuilder().add("contents", array).build();
            }
        }
        throw notFound(uri, exchange);
    }

    /**
     * Whether the caller of {@code context} may read {@code uri} now: what a subscription is
     * checked against when it is made and again before each notification, so a subscriber
     * never hears that something they cannot read (any longer) changed.
     */
    boolean readable(String uri, RequestContext context) {
        try {
            for (ResourceProvider provider : providers()) {
                if (provider.read(uri, context).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (McpException refused) {
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not check whether " + context.caller().name() + " may read " + uri
                    + "; the notification is not sent", e);
            return false;
        }
    }

    /**
     * Whether {@code subscriber}, the user of {@code session} as this node last saw them, may
     * still read {@code uri}.
     */
    boolean readableBySubscriber(String uri, McpSession session, Caller subscriber) {
        return readable(uri, new Recipient(subscriber, session.revision(), session.clientCapabilities()));
    }

    JsonObject subscribe(JsonObject params, Exchange exchange) {
        // Only what the caller may read: a subscription must not reveal that a hidden record changed.
        read(params, exchange);
        exchange.session().orElseThrow().subscribe(uriOf(params));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    JsonObject unsubscribe(JsonObject params, Exchange exchange) {
        exchange.session().orElseThrow().unsubscribe(uriOf(params));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    List<String> complete(String uriTemplate, String argument, String prefix, Map<String, String> resolved,
                          Exchange exchange) {
        List<String> values = new ArrayList<>();
        providers().forEach(p -> values.addAll(p.complete(uriTemplate, argument, prefix, resolved, exchange)));
        return values;
    }

    private static String uriOf(JsonObject params) {
        if (!params.containsKey("uri") || params.get("uri").getValueType() != JsonValue.ValueType.STRING) {
            throw McpException.invalidParams("\"uri\" is required and must be a string");
        }
        return params.getString("uri");
    }

    /** -32002 up to 2025-11-25; 2026-07-28 made it -32602 (Invalid Params), both with {@code data.uri}. */
    private static McpException notFound(String uri, Exchange exchange) {
        int code = exchange.revision().isStateless() ? ErrorCode.INVALID_PARAMS : ErrorCode.RESOURCE_NOT_FOUND;
        return new McpException(code, "Resource not found: " + uri, Jsons.createObjectBuilder().add("uri", uri).build());
    }
}
