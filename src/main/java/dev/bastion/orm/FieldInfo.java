package dev.bastion.orm;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * One field of a model as clients see it.
 *
 * @param name      technical name ({@code partner_id})
 * @param attribute the JPA attribute behind it ({@code partner})
 * @param type      Odoo field type
 * @param label     human label
 * @param help      what it means, or empty
 * @param required  must have a value
 * @param readonly  not writable through the engine
 * @param computed  computed by the model's code
 * @param selection allowed values of a selection, in order ({@code value:Label})
 * @param relation  technical name of the related model, or null
 * @param javaType  the attribute's Java type (the element type of a collection)
 */
public record FieldInfo(String name, String attribute, FieldType type, String label, String help, boolean required,
                        boolean readonly, boolean computed, List<String> selection, String relation, Class<?> javaType) {

    public boolean relational() {
        return type == FieldType.MANY2ONE || type == FieldType.ONE2MANY || type == FieldType.MANY2MANY;
    }

    public boolean toMany() {
        return type == FieldType.ONE2MANY || type == FieldType.MANY2MANY;
    }

    /** The selection's values without labels. */
    public List<String> selectionValues() {
        return selection.stream().map(s -> s.contains(":") ? s.substring(0, s.indexOf(':')) : s).toList();
    }

    /** {@code fields_get}-style description. */
    public JsonObject describe() {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("type", type.wireName()).add("string", label)
                .add("required", required).add("readonly", readonly).add("store", true);
        if (!help.isEmpty()) {
            b.add("help", help);
        }
        if (computed) {
            b.add("compute", true);
        }
        if (relation != null) {
            b.add("relation", relation);
        }
        if (!selection.isEmpty()) {
            JsonArrayBuilder options = Jsons.createArrayBuilder();
            for (String s : selection) {
                int colon = s.indexOf(':');
                options.add(Jsons.createArrayBuilder().add(colon < 0 ? s : s.substring(0, colon))
                        .add(colon < 0 ? s : s.substring(colon + 1)));
            }
            b.add("selection", options);
        }
        return b.build();
    }
}
