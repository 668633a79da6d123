package dev.bastion.orm;

import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A business model: an entity annotated {@link Model}, with its fields in declaration order.
 *
 * @param name        technical name ({@code res.partner})
 * @param label       human label
 * @param description what it holds
 * @param order       default order (technical field names)
 * @param module      owning module
 * @param recName     field that gives a record's display name
 * @param readOnly    whether only the server writes its records ({@link Model#readOnly()})
 * @param entity      the JPA entity class
 * @param fields      fields by technical name
 */
public record ModelInfo(String name, String label, String description, String order, String module, String recName,
                        boolean readOnly, Class<?> entity, Map<String, FieldInfo> fields) {

    public ModelInfo {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<FieldInfo> field(String technicalName) {
        return Optional.ofNullable(fields.get(technicalName));
    }

    /**
     * The field named {@code technicalName}.
     *
     * @throws InvalidRequest naming the model and, when one is close, the field meant
     */
    public FieldInfo requireField(String technicalName) {
        return field(technicalName).orElseThrow(() -> new InvalidRequest("Unknown field '" + technicalName + "' on "
                + name + didYouMean(technicalName, List.copyOf(fields.keySet()))));
    }

    /** {@code fields_get}: every field's description. */
    public JsonObject describeFields() {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        fields.forEach((n, f) -> b.add(n, f.describe()));
        return b.build();
    }

    /** ", did you mean 'x'?" when a known name is within a small edit distance, else "". */
    static String didYouMean(String wrong, List<String> known) {
        return known.stream().map(k -> Map.entry(k, distance(wrong.toLowerCase(java.util.Locale.ROOT), k)))
                .filter(e -> e.getValue() <= Math.max(2, wrong.length() / 3))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(e -> " (did you mean '" + e.getKey() + "'?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
