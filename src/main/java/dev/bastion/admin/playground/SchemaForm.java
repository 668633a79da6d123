package dev.bastion.admin.playground;

import dev.bastion.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The form for a tool's arguments, generated from its input schema: one field per property, of
 * the kind its schema describes; what no simple field can hold (objects, arrays, unions) is typed
 * as raw JSON. Empty fields are left out of the arguments, so the schema's own defaults and
 * required checks apply as they would to a client's call.
 */
public final class SchemaForm {

    /** How a property is typed in. */
    enum Kind { TEXT, NUMBER, INTEGER, BOOLEAN, CHOICE, JSON }

    /** One field: what the schema says of it and what was typed. */
    public static final class Input implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String label;
        private final String help;
        private final Kind kind;
        private final boolean required;
        /** The enum values, as JSON texts (an enum may hold numbers or booleans too). */
        private final List<String> choices;
        private final String example;
        private String value;

        Input(String name, String label, String help, Kind kind, boolean required, List<String> choices,
              String example) {
            this.name = name;
            this.label = label;
            this.help = help;
            this.kind = kind;
            this.required = required;
            this.choices = choices;
            this.example = example;
        }

        /** What a raw JSON field expects, as a hint in the empty field. */
        public String getExample() {
            return example;
        }

        public String getName() {
            return name;
        }

        public String getLabel() {
            return label;
        }

        public String getHelp() {
            return help;
        }

        public String getKind() {
            return kind.name();
        }

        public boolean isRequired() {
            return required;
        }

        public List<String> getChoices() {
            return choices;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    /** Why a field's text is not a value of its kind. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Input input;

        BadInput(Input input, String message) {
            super(message);
            this.input = input;
        }
    }

    private SchemaForm() {
    }

    static List<Input> of(JsonObject schema) {
        JsonObject properties = schema.get("properties") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        Set<String> required = new java.util.HashSet<>();
        if (schema.get("required") instanceof jakarta.json.JsonArray names) {
            names.stream().filter(JsonString.class::isInstance).map(n -> ((JsonString) n).getString()).forEach(required::add);
        }
        List<Input> inputs = new ArrayList<>();
        properties.forEach((name, value) -> {
            JsonObject property = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            List<String> choices = property.get("enum") instanceof jakarta.json.JsonArray values
                    ? values.stream().map(JsonValue::toString).toList() : List.of();
            String type = property.get("type") instanceof JsonString t ? t.getString() : "";
            Kind kind = !choices.isEmpty() ? Kind.CHOICE : switch (type) {
                case "string" -> Kind.TEXT;
                case "number" -> Kind.NUMBER;
                case "integer" -> Kind.INTEGER;
                case "boolean" -> Kind.BOOLEAN;
                default -> Kind.JSON;
            };
            String label = property.get("title") instanceof JsonString t ? t.getString() : name;
            String help = property.get("description") instanceof JsonString d ? d.getString() : null;
            String example = switch (type) {
                case "array" -> "a JSON list: [ ... ]";
                case "object" -> "a JSON object: { ... }";
                default -> "any JSON value";
            };
            inputs.add(new Input(name, label, help, kind, required.contains(name), choices, example));
        });
        return inputs;
    }

    /** The arguments the fields hold; empty fields are not given. */
    static JsonObject arguments(List<Input> inputs) throws BadInput {
        JsonObjectBuilder arguments = Jsons.createObjectBuilder();
        Map<String, JsonValue> values = new LinkedHashMap<>();
        for (Input input : inputs) {
            String text = input.value;
            if (text == null || text.isEmpty()) {
                continue;
            }
            values.put(input.name, switch (input.kind) {
                case TEXT -> Jsons.createValue(text);
                case NUMBER -> number(input, text, false);
                case INTEGER -> number(input, text, true);
                case BOOLEAN, CHOICE, JSON -> json(input, text);
            });
        }
        values.forEach(arguments::add);
        return arguments.build();
    }

    private static JsonValue number(Input input, String text, boolean integer) throws BadInput {
        try {
            return integer ? Jsons.createValue(new BigInteger(text.strip())) : Jsons.createValue(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new BadInput(input, "'" + text + "' is not " + (integer ? "a whole number" : "a number"));
        }
    }

    private static JsonValue json(Input input, String text) throws BadInput {
        try (var reader = Jsons.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new BadInput(input, "not JSON: " + e.getMessage());
        }
    }
}
