package dev.bastion.admin.catalog;

import dev.bastion.json.Jsons;
import jakarta.faces.context.FacesContext;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Reading the engine's records for the catalog pages: Odoo's {@code false} for an empty value
 * becomes null, relations become ids, JSON texts are shown indented.
 */
final class CatalogValues {

    private CatalogValues() {
    }

    static long id(JsonObject r) {
        return r.getJsonNumber("id").longValue();
    }

    /** A text field, or null when empty ({@code false}). */
    static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? s.getString() : null;
    }

    static boolean flag(JsonObject r, String field) {
        return r.get(field) == JsonValue.TRUE;
    }

    static int integer(JsonObject r, String field) {
        return r.get(field) instanceof JsonNumber n ? n.intValue() : 0;
    }

    /** The ids of an x2many field. */
    static List<Long> ids(JsonObject r, String field) {
        return r.get(field) instanceof JsonArray a
                ? a.stream().filter(JsonNumber.class::isInstance).map(v -> ((JsonNumber) v).longValue()).toList()
                : List.of();
    }

    /** A text or JSON null for the engine ({@code false} clears a field, as in Odoo). */
    static JsonValue orFalse(String text) {
        return text == null || text.isBlank() ? JsonValue.FALSE : Jsons.createValue(text.strip());
    }

    /** {@code json} indented for a person, or as it is when it is no JSON. */
    static String indented(String json) {
        if (json == null || json.isBlank()) {
            return json;
        }
        try (var reader = Jsons.createReader(new StringReader(json))) {
            return indented(reader.readValue());
        } catch (RuntimeException e) {
            return json;
        }
    }

    static String indented(JsonValue value) {
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip();
    }

    /** The {@code id} request parameter of an edit page, or null for a new record. */
    static Long requestedId() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        try {
            return id == null || id.isBlank() ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
