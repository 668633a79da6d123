package dev.bastion.tools;

import com.github.erosb.jsonsKema.EnumSchema;
import com.github.erosb.jsonsKema.JsonParser;
import com.github.erosb.jsonsKema.Keyword;
import com.github.erosb.jsonsKema.Schema;
import com.github.erosb.jsonsKema.SchemaLoader;
import com.github.erosb.jsonsKema.ValidationFailure;
import com.github.erosb.jsonsKema.Validator;
import dev.bastion.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks that a text is a JSON Schema 2020-12 by validating it against the 2020-12 meta-schema
 * (which json-sKema carries in its jar, so nothing is fetched), and says what is wrong in a
 * sentence a person can act on: where ({@code /properties/limit/type}) and what
 * ({@code "strin" is not one of ...}). The tool records use it before they are stored, whoever
 * edits them (the console or the {@code write} tool).
 */
public final class JsonSchemas {

    /** The 2020-12 meta-schema, loaded once: a loaded schema is immutable and shared (validators are not). */
    private static final Schema META_SCHEMA = SchemaLoader.forURL("https://json-schema.org/draft/2020-12/schema").load();
    /** Enough to fix a schema; the rest would only bury the first ones. */
    private static final int MAX_PROBLEMS = 5;

    private JsonSchemas() {
    }

    /** Why {@code text} is not a JSON Schema 2020-12 object, or empty when it is one. */
    public static Optional<String> problems(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("it is empty: write a JSON object such as {\"type\":\"object\"}");
        }
        JsonValue json;
        try (var reader = Jsons.createReader(new StringReader(text))) {
            json = reader.readValue();
        } catch (JsonException e) {
            return Optional.of("it is not JSON: " + e.getMessage());
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.of("it must be a JSON object ({...}), not " + json.getValueType().name().toLowerCase(Locale.ROOT));
        }
        ValidationFailure failure = Validator.forSchema(META_SCHEMA).validate(new JsonParser(text).parse());
        if (failure == null) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        describe(failure, found);
        String listed = found.stream().distinct().limit(MAX_PROBLEMS).collect(Collectors.joining("; "));
        return Optional.of("it is not a valid JSON Schema 2020-12: " + listed);
    }

    /**
     * The leaves of a failure tree, each at its place. Of the alternatives of an {@code anyOf} or
     * {@code oneOf} only the first is told: the meta-schema's alternatives ("a type name, or a list
     * of them") would otherwise repeat every mistake twice.
     */
    private static void describe(ValidationFailure failure, List<String> found) {
        if (failure.getCauses().isEmpty()) {
            found.add(at(failure) + message(failure));
            return;
        }
        boolean alternatives = failure.getKeyword() == Keyword.ANY_OF || failure.getKeyword() == Keyword.ONE_OF;
        for (ValidationFailure cause : failure.getCauses()) {
            describe(cause, found);
            if (alternatives) {
                return;
            }
        }
    }

    private static String message(ValidationFailure failure) {
        if (failure.getSchema() instanceof EnumSchema allowed) {
            return failure.getInstance() + " is not one of " + allowed.getPotentialValues().stream()
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return failure.getMessage();
    }

    private static String at(ValidationFailure failure) {
        String pointer = failure.getInstance().getLocation().getPointer().toString();
        return "at " + (pointer.isEmpty() || "#".equals(pointer) ? "the top" : pointer.replaceFirst("^#", "")) + ": ";
    }
}
