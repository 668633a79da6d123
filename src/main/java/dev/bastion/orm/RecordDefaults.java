package dev.bastion.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/** {@code default_get} for {@link Records}, and the defaults a create starts from. */
@ApplicationScoped
class RecordDefaults {

    @Inject
    ModelRegistry registry;

    @Inject
    RecordScope scope;

    /** {@link Records#defaultGet}. */
    JsonObject defaultGet(CallContext context, String model, List<String> fields) {
        ModelInfo m = registry.require(model);
        scope.policy().checkModel(context, m, Operation.CREATE);
        return of(context, m, fields);
    }

    /** The values a new record of {@code m} starts with, for {@code fields} (all when empty), unchecked. */
    JsonObject of(CallContext context, ModelInfo m, List<String> fields) {
        Object blank = RecordScope.instantiate(m);
        JsonObjectBuilder defaults = Jsons.createObjectBuilder();
        List<FieldInfo> wanted = fields == null || fields.isEmpty() ? List.copyOf(m.fields().values())
                : fields.stream().map(m::requireField).toList();
        for (FieldInfo f : wanted) {
            if (f.name().equals("id") || f.readonly()) {
                continue;
            }
            if (f.type() == FieldType.MANY2ONE && "res.company".equals(f.relation())) {
                defaults.add(f.name(), context.companyId());
            } else if (f.type() == FieldType.DATE && f.name().startsWith("date") && Values.get(blank, f.attribute()) == null) {
                defaults.add(f.name(), java.time.LocalDate.now(context.tz()).toString());
            } else if (Values.get(blank, f.attribute()) != null && !f.toMany()) {
                JsonValue v = Values.read(blank, f, registry, context.tz());
                defaults.add(f.name(), f.type() == FieldType.MANY2ONE ? v.asJsonArray().get(0) : v);
            } else if (f.type() == FieldType.SELECTION && !f.selectionValues().isEmpty()) {
                defaults.add(f.name(), f.selectionValues().get(0));
            }
        }
        return defaults.build();
    }

}
