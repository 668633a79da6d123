package dev.bastion.orm;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One Odoo command on a one2many or many2many field, as clients write them:
 * {@code [0, 0, {values}]} create, {@code [1, id, {values}]} update, {@code [2, id]} delete,
 * {@code [3, id]} unlink, {@code [4, id]} link, {@code [5]} clear, {@code [6, 0, [ids]]} set.
 * A plain list of ids means "set" too; an empty list, as in Odoo, changes nothing.
 *
 * @param kind   what to do
 * @param id     the record concerned (update, delete, unlink, link), else 0
 * @param values the values (create, update), else null
 * @param ids    the ids of a set, else empty
 */
public record X2ManyCommand(Kind kind, long id, JsonObject values, List<Long> ids) {

    /** The seven commands, by their Odoo number. */
    public enum Kind { CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET }

    /** At most this many commands in one field value, like the domain's value bound. */
    static final int MAX_COMMANDS = Domain.MAX_VALUES;

    /**
     * Parses a field value into commands.
     *
     * @throws InvalidRequest naming the field and what is wrong with the command
     */
    public static List<X2ManyCommand> parse(String field, JsonValue value) {
        if (value == JsonValue.FALSE || value == JsonValue.NULL) {
            return List.of(new X2ManyCommand(Kind.CLEAR, 0, null, List.of()));
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(field, "expected a list of ids or of commands like [0, 0, {values}], [4, id], [6, 0, [ids]]");
        }
        JsonArray items = value.asJsonArray();
        if (items.size() > MAX_COMMANDS) {
            throw invalid(field, "at most " + MAX_COMMANDS + " commands or ids at once");
        }
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.NUMBER)) {
            return List.of(new X2ManyCommand(Kind.SET, 0, null, ids(field, items)));
        }
        List<X2ManyCommand> commands = new ArrayList<>();
        for (JsonValue item : items) {
            if (item.getValueType() != JsonValue.ValueType.ARRAY || item.asJsonArray().isEmpty()) {
                throw invalid(field, "each command is a list starting with its number 0-6, got " + item);
            }
            commands.add(command(field, item.asJsonArray()));
        }
        return commands;
    }

    private static X2ManyCommand command(String field, JsonArray c) {
        int number = number(field, c.get(0), c);
        return switch (number) {
            case 0 -> new X2ManyCommand(Kind.CREATE, 0, values(field, c, 2), List.of());
            case 1 -> new X2ManyCommand(Kind.UPDATE, id(field, c), values(field, c, 2), List.of());
            case 2 -> new X2ManyCommand(Kind.DELETE, id(field, c), null, List.of());
            case 3 -> new X2ManyCommand(Kind.UNLINK, id(field, c), null, List.of());
            case 4 -> new X2ManyCommand(Kind.LINK, id(field, c), null, List.of());
            case 5 -> new X2ManyCommand(Kind.CLEAR, 0, null, List.of());
            case 6 -> {
                if (c.size() < 3 || c.get(2).getValueType() != JsonValue.ValueType.ARRAY) {
                    throw invalid(field, "command 6 is [6, 0, [ids]], got " + c);
                }
                yield new X2ManyCommand(Kind.SET, 0, null, ids(field, c.getJsonArray(2)));
            }
            default -> throw invalid(field, "unknown command " + number + " in " + c + "; commands are 0 to 6");
        };
    }

    private static int number(String field, JsonValue v, JsonArray c) {
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw invalid(field, "a command starts with its number 0-6, got " + c);
        }
        return n.intValue();
    }

    private static long id(String field, JsonArray c) {
        if (c.size() < 2 || !(c.get(1) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
            throw invalid(field, "command " + c.get(0) + " needs a record id as its second element, got " + c);
        }
        return c.getJsonNumber(1).longValue();
    }

    private static JsonObject values(String field, JsonArray c, int at) {
        if (c.size() <= at || c.get(at).getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid(field, "command " + c.get(0) + " needs an object of values as its third element, got " + c);
        }
        return c.getJsonObject(at);
    }

    private static List<Long> ids(String field, JsonArray items) {
        List<Long> ids = new ArrayList<>();
        for (JsonValue v : items) {
            if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() <= 0) {
                throw invalid(field, "ids are positive integers, got " + v);
            }
            ids.add(n.longValue());
        }
        return ids;
    }

    private static InvalidRequest invalid(String field, String problem) {
        return new InvalidRequest("Field '" + field + "': " + problem);
    }
}
