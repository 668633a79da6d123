package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.InputRequired;
import dev.bastion.mcp.spi.ToolDefinition;
import dev.bastion.mcp.spi.ToolProvider;
import dev.bastion.mcp.spi.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code tools/list} and {@code tools/call} over every {@link ToolProvider}. */
@ApplicationScoped
public class ToolsFeature {

    private static final Logger LOG = Logger.getLogger(ToolsFeature.class.getName());

    @Inject
    Instance<ToolProvider> providers;

    private List<ToolProvider> providers() {
        return Providers.ordered(providers);
    }

    @Inject
    ArgumentValidator validator;

    List<ToolDefinition> tools(Exchange exchange) {
        List<ToolDefinition> all = new ArrayList<>();
        // Scopes narrow what the rights offer: a read-only token lists only the tools it may call.
        providers().forEach(p -> p.tools(exchange).stream().filter(t -> exchange.caller().permits(t.scope()))
                .forEach(all::add));
        return all;
    }

    JsonObject list(JsonObject params, Exchange exchange, int pageSize) {
        ProtocolRevision revision = exchange.revision();
        return Cursor.page("tools", tools(exchange), t -> toJson(t, revision), params, pageSize);
    }

    static JsonObject toJson(ToolDefinition tool, ProtocolRevision revision) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("name", tool.name());
        if (tool.title() != null && revision.hasTitles()) {
            b.add("title", tool.title());
        }
        b.add("description", tool.description()).add("inputSchema", tool.inputSchema());
        if (tool.outputSchema() != null && revision.hasStructuredContent()) {
            b.add("outputSchema", tool.outputSchema());
        }
        if (tool.annotations() != null && revision.hasToolAnnotations()) {
            b.add("annotations", tool.annotations());
        }
        return b.build();
    }

    /** A tool found by name, with the provider that offered it. */
    record Found(ToolProvider provider, ToolDefinition definition) {
    }

    /** The tool {@code name} as this caller may see it, asking each provider for that one tool. */
    Optional<Found> find(String name, Exchange exchange) {
        for (ToolProvider provider : providers()) {
            Optional<ToolDefinition> tool = provider.find(name, exchange);
            if (tool.isPresent()) {
                return Optional.of(new Found(provider, tool.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code tools/call}: finds the tool once, refuses it when the caller's credentials lack its
     * scope (before anything runs; the transport answers HTTP 403 {@code insufficient_scope}), lets the exchange check what the transport
     * carried about it (2026-07-28 {@code Mcp-Param-*} headers), validates the arguments
     * against its schema and runs it on the provider that offered it.
     */
    JsonObject call(JsonObject params, Exchange exchange) {
        if (!(params.get("name") instanceof JsonString nameValue)) {
            throw McpException.invalidParams("tools/call needs \"name\", a string");
        }
        String name = nameValue.getString();
        JsonValue rawArguments = params.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
        if (rawArguments.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpException.invalidParams("tools/call \"arguments\" must be an object");
        }
        JsonObject arguments = rawArguments.asJsonObject();
        Found found = find(name, exchange).orElseThrow(() -> McpException.invalidParams("Unknown tool: " + name));
        if (!exchange.caller().permits(found.definition().scope())) {
            throw McpException.insufficientScope(found.definition().scope(), "Tool " + name + " needs the scope "
                    + found.definition().scope() + ", which these credentials do not carry");
        }
        exchange.checkToolCall(found.definition(), arguments);
        Optional<String> problems = validator.problems(found.definition().inputSchema(), arguments);
        if (problems.isPresent()) {
            return toJson(ToolResult.error("Invalid arguments for tool " + name + ": " + problems.get()), exchange);
        }
        try {
            ToolResult result = found.provider().call(found.definition(), arguments, exchange);
            if (result.denied()) {
                exchange.trace().denied();
            }
            return toJson(result, exchange);
        } catch (McpException | InputRequired e) {
            throw e;
        } catch (RuntimeException e) {
            // The exception's message may carry internals (SQL, class names): the log keeps it, the client gets a reference.
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Tool " + name + " failed, reference " + reference, e);
            return toJson(ToolResult.error("Tool " + name + " failed inside the server (reference " + reference
                    + ", kept in the server log)."), exchange);
        }
    }

    private static JsonObject toJson(ToolResult result, Exchange exchange) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("content", result.contentArray());
        if (result.structuredContent() != null && exchange.revision().hasStructuredContent()) {
            b.add("structuredContent", result.structuredContent());
        }
        return b.add("isError", result.isError()).build();
    }
}
