package dev.bastion.access;

import dev.bastion.json.Jsons;
import dev.bastion.orm.Domain;
import dev.bastion.orm.FieldInfo;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.MethodCalls;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an access right, a record rule or an MCP override must name before it is stored: a model
 * of the registry, a rule domain whose every path walks that model's fields with known operators
 * and caller values, allowed fields and blocked methods the model has. The entity listener of the
 * access tables runs these checks on every insert and update (the console, MCP and any other
 * engine caller alike); the console also runs them before saving to show the problem next to the
 * field. A refusal names the model, field, operator or value at fault.
 */
@ApplicationScoped
public class AccessRowChecks {

    /** The caller values a rule domain may use as {@code {"var": name}}. */
    static final Set<String> VARIABLES = Set.of("user.id", "uid", "company_id", "company_ids");

    @Inject
    ModelRegistry registry;

    @Inject
    MethodCalls methods;

    /** The model named {@code model}, or a refusal naming it. */
    public ModelInfo model(String model) {
        if (model == null || model.isBlank()) {
            throw new InvalidRequest("Choose the model, e.g. res.partner");
        }
        ModelInfo found = registry.all().get(model.strip());
        if (found == null) {
            throw new InvalidRequest("Unknown model '" + model + "': use a technical name such as res.partner or sale.order");
        }
        return found;
    }

    /**
     * Checks a rule domain written as JSON against {@code model}: its shape (the engine's domain
     * parser), every path through the model's fields, and every caller value.
     */
    public void ruleDomain(String model, String domain) {
        ModelInfo m = model(model);
        if (domain == null || domain.isBlank()) {
            throw new InvalidRequest("The domain is required: [] matches every record");
        }
        JsonArray parsed;
        try {
            parsed = AccessTables.parseDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("The domain is not valid JSON: " + e.getMessage());
        }
        Domain.leaves(Domain.parse((JsonArray) samples(parsed))).forEach(leaf -> path(m, leaf.path()));
    }

    /** The domain with every caller value replaced by a sample of its type, so the parser sees plain values. */
    private static JsonValue samples(JsonValue value) {
        switch (value.getValueType()) {
            case ARRAY -> {
                JsonArrayBuilder b = Jsons.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(samples(v)));
                return b.build();
            }
            case OBJECT -> {
                JsonObject o = value.asJsonObject();
                if (o.size() == 1 && o.get("var") instanceof JsonString name && VARIABLES.contains(name.getString())) {
                    return name.getString().equals("company_ids") ? Jsons.createArrayBuilder().add(1).build()
                            : Jsons.createValue(1);
                }
                throw new InvalidRequest("Unknown value " + o + " in the domain: caller values are {\"var\":\"user.id\"}, "
                        + "{\"var\":\"company_id\"} and {\"var\":\"company_ids\"}");
            }
            default -> {
                return value;
            }
        }
    }

    /** Walks a dotted path through {@code model}'s fields: every step but the last must be a relation. */
    private void path(ModelInfo model, String path) {
        ModelInfo at = model;
        String[] steps = path.split("\\.", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].equals("id") && i == steps.length - 1) {
                return;
            }
            FieldInfo field = at.requireField(steps[i]);
            if (i < steps.length - 1) {
                if (!field.relational()) {
                    throw new InvalidRequest("'" + path + "': field '" + field.name() + "' of " + at.name()
                            + " is not a relation, so nothing can follow it after a dot");
                }
                at = registry.require(field.relation());
            }
        }
    }

    /** Checks the allowed fields (comma-separated, empty: every field) of an override against the model. */
    public void allowedFields(String model, String allowedFields) {
        ModelInfo m = model(model);
        List<String> unknown = AccessTables.names(allowedFields).stream().filter(f -> m.field(f).isEmpty() && !f.equals("id"))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("Allowed fields: " + m.name() + " has no field " + String.join(", ", unknown)
                    + "; its fields are " + String.join(", ", new TreeSet<>(m.fields().keySet())));
        }
    }

    /** Checks the blocked methods (comma-separated) of an override against the model's business methods. */
    public void blockedMethods(String model, String blockedMethods) {
        ModelInfo m = model(model);
        Set<String> known = new TreeSet<>();
        methods.of(m.name()).forEach(c -> known.add(c.name()));
        List<String> unknown = AccessTables.names(blockedMethods).stream().filter(n -> !known.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequest("Blocked methods: " + m.name() + " has no business method " + String.join(", ", unknown)
                    + (known.isEmpty() ? "; it has none" : "; its methods are " + String.join(", ", known)));
        }
    }
}
