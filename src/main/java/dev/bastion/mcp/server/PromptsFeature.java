package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.spi.PromptDefinition;
import dev.bastion.mcp.spi.PromptProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code prompts/list} and {@code prompts/get} over every {@link PromptProvider}. */
@ApplicationScoped
public class PromptsFeature {

    @Inject
    Instance<PromptProvider> providers;

    private List<PromptProvider> providers() {
        return Providers.ordered(providers);
    }

    List<PromptDefinition> prompts(Exchange exchange) {
        List<PromptDefinition> all = new ArrayList<>();
        providers().forEach(p -> all.addAll(p.prompts(exchange)));
        return all;
    }

    JsonObject list(JsonObject params, Exchange exchange, int pageSize) {
        return Cursor.page("prompts", prompts(exchange), p -> toJson(p, exchange), params, pageSize);
    }

    private static JsonObject toJson(PromptDefinition prompt, Exchange exchange) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("name", prompt.name());
        if (prompt.title() != null && exchange.revision().hasTitles()) {
            b.add("title", prompt.title());
        }
        b.add("description", prompt.description());
        JsonArrayBuilder args = Jsons.createArrayBuilder();
        for (PromptDefinition.Argument a : prompt.arguments()) {
            JsonObjectBuilder arg = Jsons.createObjectBuilder().add("name", a.name()).add("required", a.required());
            if (a.description() != null) {
                arg.add("description", a.description());
            }
            args.add(arg);
        }
        return b.add("arguments", args).build();
    }

    JsonObject get(JsonObject params, Exchange exchange) {
        if (!params.containsKey("name") || params.get("name").getValueType() != JsonValue.ValueType.STRING) {
            throw McpException.invalidParams("prompts/get needs \"name\", a string");
        }
        String name = params.getString("name");
        PromptDefinition prompt = prompts(exchange).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> McpException.invalidParams("Unknown prompt: " + name));
        Map<String, String> arguments = arguments(params);
        for (PromptDefinition.Argument a : prompt.arguments()) {
            if (a.required() && !arguments.containsKey(a.name())) {
                throw McpException.invalidParams("Missing required argument '" + a.name() + "' of prompt " + name);
            }
        }
        for (PromptProvider provider : providers()) {
            Optional<JsonObject> result = provider.get(name, arguments, exchange);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw McpException.invalidParams("Unknown prompt: " + name);
    }

    private static Map<String, String> arguments(JsonObject params) {
        JsonValue raw = params.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
        if (raw.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpException.invalidParams("prompts/get \"arguments\" must be an object of strings");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        raw.asJsonObject().forEach((k, v) -> {
            if (!(v instanceof JsonString s)) {
                throw McpException.invalidParams("Prompt argument '" + k + "' must be a string");
            }
            arguments.put(k, s.getString());
        });
        return arguments;
    }

    List<String> complete(String prompt, String argument, String prefix, Map<String, String> resolved, Exchange exchange) {
        List<String> values = new ArrayList<>();
        providers().forEach(p -> values.addAll(p.complete(prompt, argument, prefix, resolved, exchange)));
        return values;
    }
}
