package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to what a client sent: a member of the wrong JSON type is Invalid Params
 * (-32602) naming the member and the type it must have, never a {@code ClassCastException}
 * from JSON-P's typed getters. Every read of client params in this package goes through here
 * or checks the type itself.
 */
final class Params {

    private Params() {
    }

    /** The object member {@code key} of {@code o} ({@code where} names {@code o} in messages). */
    static JsonObject object(JsonObject o, String key, String where) {
        return optionalObject(o, key, where).orElseThrow(() -> wrongType(where, key, "an object"));
    }

    /** The object member {@code key}, or empty when absent or null. */
    static Optional<JsonObject> optionalObject(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonObject object)) {
            throw wrongType(where, key, "an object");
        }
        return Optional.of(object);
    }

    /** The string member {@code key}. */
    static String string(JsonObject o, String key, String where) {
        return optionalString(o, key, where).orElseThrow(() -> wrongType(where, key, "a string"));
    }

    /** The string member {@code key}, or empty when absent or null. */
    static Optional<String> optionalString(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw wrongType(where, key, "a string");
        }
        return Optional.of(s.getString());
    }

    /** The boolean member {@code key}, or {@code otherwise} when absent or null. */
    static boolean bool(JsonObject o, String key, boolean otherwise, String where) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return otherwise;
        }
        if (v.getValueType() != JsonValue.ValueType.TRUE && v.getValueType() != JsonValue.ValueType.FALSE) {
            throw wrongType(where, key, "a boolean");
        }
        return v.getValueType() == JsonValue.ValueType.TRUE;
    }

    /** The member {@code key} as a list of strings; empty when absent or null. */
    static List<String> strings(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw wrongType(where, key, "an array of strings");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw wrongType(where, key, "an array of strings");
            }
            strings.add(s.getString());
        }
        return strings;
    }

    private static McpException wrongType(String where, String key, String type) {
        return McpException.invalidParams("\"" + (where.isEmpty() ? "" : where + ".") + key + "\" must be " + type);
    }
}
