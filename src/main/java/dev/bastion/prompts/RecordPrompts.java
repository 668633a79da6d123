package dev.bastion.prompts;

import dev.bastion.access.CallContexts;
import dev.bastion.mcp.spi.Content;
import dev.bastion.mcp.spi.PromptDefinition;
import dev.bastion.mcp.spi.PromptProvider;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prompts from {@code mcp.prompt} records: the global ones and the caller's own (a personal
 * prompt hides a global one of the same name). Rendering fills the arguments plus
 * {@code {today}} (in the caller's zone) and {@code {user}}; completion offers an argument's
 * fixed values or the display names of its model's records, read with the caller's rights.
 */
@ApplicationScoped
@Transactional
public class RecordPrompts implements PromptProvider {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    CallContexts contexts;

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    private List<McpPrompt> visible(CallContext c) {
        Map<String, McpPrompt> byName = new LinkedHashMap<>();
        em.createQuery("select p from McpPrompt p where p.active = true and (p.owner is null or p.owner.id = :uid) "
                        + "order by p.sequence, p.name, p.id", McpPrompt.class)
                .setParameter("uid", c.uid()).getResultStream()
                .forEach(p -> byName.merge(p.getName(), p, (a, b) -> a.getOwner() != null ? a : b));
        return List.copyOf(byName.values());
    }

    private Optional<McpPrompt> find(String name, CallContext c) {
        return visible(c).stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    @Override
    public List<PromptDefinition> prompts(RequestContext context) {
        return contexts.forUser(context.caller().userId()).map(c -> visible(c).stream().map(p -> new PromptDefinition(
                p.getName(), p.getTitle(), p.getDescription() == null ? "" : p.getDescription(),
                p.getArguments().stream().map(a -> new PromptDefinition.Argument(a.getName(), a.getDescription(),
                        a.isRequired())).toList())).toList()).orElse(List.of());
    }

    @Override
    public Optional<JsonObject> get(String name, Map<String, String> arguments, RequestContext context) {
        Optional<CallContext> caller = contexts.forUser(context.caller().userId());
        Optional<McpPrompt> prompt = caller.flatMap(c -> find(name, c));
        if (prompt.isEmpty()) {
            return Optional.empty();
        }
        McpPrompt p = prompt.get();
        return Optional.of(render(caller.get(), p.getName(), p.getDescription(), p.getRole(), p.getTemplate(), arguments));
    }

    /**
     * What {@code prompts/get} answers for a prompt with this wording, as {@code c}'s user gets it:
     * the console's preview of a prompt being edited, rendered by the same code as the real thing.
     *
     * @throws dev.bastion.orm.InvalidRequest when the template is not valid (a lone brace, say)
     */
    public JsonObject render(CallContext c, String name, String description, String role, String template,
                             Map<String, String> arguments) {
        Map<String, String> values = new HashMap<>();
        values.put("today", LocalDate.now(c.tz()).toString());
        values.put("user", c.login());
        values.putAll(arguments);
        String text = Template.render(template, values);
        return Jsons.createObjectBuilder()
                .add("description", description == null ? name : description)
                .add("messages", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder()
                        .add("role", role).add("content", Content.text(text))))
                .build();
    }

    @Override
    public List<String> complete(String prompt, String argument, String prefix, RequestContext context) {
        Optional<CallContext> caller = contexts.forUser(context.caller().userId());
        Optional<McpPromptArgument> declared = caller.flatMap(c -> find(prompt, c))
                .flatMap(p -> p.getArguments().stream().filter(a -> a.getName().equals(argument)).findFirst());
        if (declared.isEmpty()) {
            return List.of();
        }
        McpPromptArgument a = declared.get();
        String lower = prefix.toLowerCase(Locale.ROOT);
        if (!a.sourceValues().isEmpty()) {
            return a.sourceValues().stream().filter(v -> v.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
        }
        String model = a.getSourceModel();
        if (model != null && registry.all().containsKey(model) && records.allowed(caller.get(), model, Operation.READ)) {
            ModelInfo m = registry.require(model);
            // Checked beforehand rather than caught: a refusal inside this transaction would roll it back.
            if (m.field(m.recName()).isEmpty() || !records.fieldAllowed(caller.get(), model, m.recName(), Operation.READ)) {
                return List.of();
            }
            // A record without a display name (false) suggests nothing.
            return records.nameSearch(caller.get(), model, prefix, Jsons.createArrayBuilder().build(), 20).stream()
                    .map(v -> v.asJsonArray().get(1)).filter(JsonString.class::isInstance)
                    .map(v -> ((JsonString) v).getString()).distinct().toList();
        }
        return List.of();
    }
}
