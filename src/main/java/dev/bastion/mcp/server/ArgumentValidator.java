package dev.bastion.mcp.server;

import com.github.erosb.jsonsKema.JsonParser;
import com.github.erosb.jsonsKema.Schema;
import com.github.erosb.jsonsKema.SchemaLoader;
import com.github.erosb.jsonsKema.ValidationFailure;
import com.github.erosb.jsonsKema.Validator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks tool arguments against the tool's input schema (JSON Schema 2020-12, by json-sKema,
 * which needs no Jackson). Loaded schemas are cached by their text, so an admin's edit of a
 * schema takes effect at once. A loaded {@link Schema} is immutable and shared; a json-sKema
 * {@link Validator} is not (it keeps the instance and the dynamic scope of the validation it
 * runs), so every validation gets its own.
 */
@ApplicationScoped
public class ArgumentValidator {

    /** More schemas than tools ever have: past it, the old texts of edited schemas are dropped. */
    private static final int MAX_SCHEMAS = 512;

    private final Map<String, Schema> loaded = new ConcurrentHashMap<>();

    /** Why {@code arguments} do not match {@code schema}, or empty when they do. */
    public Optional<String> problems(JsonObject schema, JsonObject arguments) {
        if (loaded.size() > MAX_SCHEMAS) {
            loaded.clear();
        }
        Schema loadedSchema = loaded.computeIfAbsent(schema.toString(),
                text -> new SchemaLoader(new JsonParser(text).parse()).load());
        ValidationFailure failure = Validator.forSchema(loadedSchema).validate(new JsonParser(arguments.toString()).parse());
        return Optional.ofNullable(failure).map(ArgumentValidator::describe);
    }

    private static String describe(ValidationFailure failure) {
        if (failure.getCauses().isEmpty()) {
            return at(failure) + failure.getMessage();
        }
        StringBuilder text = new StringBuilder();
        for (ValidationFailure cause : failure.getCauses()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(describe(cause));
        }
        return text.toString();
    }

    private static String at(ValidationFailure failure) {
        String pointer = failure.getInstance().getLocation().getPointer().toString();
        return pointer.isEmpty() || "#".equals(pointer) ? "" : pointer + ": ";
    }
}
