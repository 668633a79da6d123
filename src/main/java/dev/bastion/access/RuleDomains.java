package dev.bastion.access;

import dev.bastion.orm.CallContext;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Record-rule domains made ready for the data engine: the caller's values filled in for
 * {@code {"var": ...}}.
 */
final class RuleDomains {

    /** Matches no record: ids are never null. */
    static final JsonArray NOTHING = Jsons.createArrayBuilder()
            .add(Jsons.createArrayBuilder().add("id").add("=").add(JsonValue.FALSE)).build();

    private final CallContext context;

    RuleDomains(CallContext context) {
        this.context = context;
    }

    /** The rule's domain with the caller's values, or {@link #NOTHING} when it cannot be used. */
    JsonArray resolve(AccessTables.Rule rule) {
        if (rule.domain() == null) {
            return NOTHING;
        }
        try {
            return (JsonArray) substitute(rule.domain());
        } catch (IllegalArgumentException e) {
            return NOTHING;
        }
    }

    private JsonValue substitute(JsonValue value) {
        switch (value.getValueType()) {
            case ARRAY -> {
                JsonArrayBuilder b = Jsons.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(substitute(v)));
                return b.build();
            }
            case OBJECT -> {
                JsonObject o = value.asJsonObject();
                if (o.size() == 1 && o.get("var") instanceof JsonString name) {
                    return variable(name.getString());
                }
                throw new IllegalArgumentException("unknown value " + o);
            }
            default -> {
                return value;
            }
        }
    }

    private JsonValue variable(String name) {
        return switch (name) {
            case "user.id", "uid" -> Jsons.createValue(context.uid());
            case "company_id" -> Jsons.createValue(context.companyId());
            case "company_ids" -> {
                JsonArrayBuilder ids = Jsons.createArrayBuilder();
                context.allowedCompanyIds().forEach(ids::add);
                yield ids.build();
            }
            default -> throw new IllegalArgumentException("unknown variable " + name);
        };
    }
}
