package dev.bastion.admin;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * Reading the records the data engine returns (Odoo's wire shapes: {@code false} for empty,
 * many2one as {@code [id, name]}, x2many as a list of ids) into what console tables show, and
 * writing x2many values back ({@code [[6, 0, ids]]}: "exactly these").
 */
public final class RecordValues {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RecordValues() {
    }

    /** What was typed in a text field, without surrounding blanks; empty for nothing. */
    public static String typed(String text) {
        return text == null ? "" : text.strip();
    }

    public static long id(JsonObject r) {
        return r.getJsonNumber("id").longValue();
    }

    /** A text field, or null when empty. */
    public static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? s.getString() : null;
    }

    public static boolean bool(JsonObject r, String field) {
        return r.get(field) == JsonValue.TRUE;
    }

    /** A datetime the engine wrote (ISO 8601 with offset, in the user's zone) to the minute, or null. */
    public static String minutes(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? OffsetDateTime.parse(s.getString()).format(MINUTES) : null;
    }

    /** The id of a many2one, or null when empty. */
    public static Long refId(JsonObject r, String field) {
        return r.get(field) instanceof JsonArray a && !a.isEmpty() ? a.getJsonNumber(0).longValue() : null;
    }

    /** The display name of a many2one, or null when empty or hidden from the caller. */
    public static String refName(JsonObject r, String field) {
        return r.get(field) instanceof JsonArray a && a.size() > 1 && a.get(1) instanceof JsonString s ? s.getString() : null;
    }

    /** The ids of an x2many. */
    public static List<Long> ids(JsonObject r, String field) {
        return r.get(field) instanceof JsonArray a
                ? a.stream().map(v -> ((JsonNumber) v).longValue()).toList() : List.of();
    }

    /** {@code [[6, 0, ids]]}: the x2many holds exactly {@code ids}. */
    public static JsonArray exactly(Collection<Long> ids) {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        ids.forEach(list::add);
        return Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add(6).add(0).add(list)).build();
    }

    /** The records of a search result as objects. */
    public static List<JsonObject> objects(JsonArray records) {
        return records.stream().map(JsonValue::asJsonObject).toList();
    }

    /** {@code [[field, "=", value]]}. */
    public static JsonArray where(String field, long value) {
        return Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add(field).add("=").add(value)).build();
    }
}
