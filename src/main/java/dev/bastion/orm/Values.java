package dev.bastion.orm;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field values between entities and JSON, the way Odoo clients expect them: many2one as
 * {@code [id, display_name]}, x2many as id lists, datetimes stored in UTC and shown in the
 * caller's zone with their offset, {@code false} for no value.
 */
public final class Values {

    private static final Map<String, Field> MEMBERS = new ConcurrentHashMap<>();

    private Values() {
    }

    /**
     * A datetime as UTC: with an offset it is honoured, without one it is taken in {@code zone}.
     *
     * @throws DateTimeParseException when the text is not ISO 8601
     */
    public static LocalDateTime toUtc(String text, ZoneId zone) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException noOffset) {
            LocalDateTime local = t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
            return local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
    }

    /** A UTC datetime in {@code zone}, ISO 8601 with its offset. */
    public static String fromUtc(LocalDateTime utc, ZoneId zone) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The raw Java value of an entity's attribute. */
    public static Object get(Object entity, String attribute) {
        Field f = member(entity.getClass(), attribute);
        try {
            return f.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field member(Class<?> type, String attribute) {
        return MEMBERS.computeIfAbsent(type.getName() + "#" + attribute, k -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(attribute);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                }
            }
            throw new IllegalStateException("No attribute " + attribute + " on " + type);
        });
    }

    /** Sets an entity's attribute. */
    static void set(Object entity, String attribute, Object value) {
        try {
            member(entity.getClass(), attribute).set(entity, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON value written to {@code field}, as the attribute's Java value; {@code false} and
     * {@code null} clear a non-boolean field. Many2one values become references through
     * {@code reference}.
     *
     * @throws InvalidRequest naming the field and what it takes
     */
    static Object write(jakarta.json.JsonValue v, FieldInfo field, ZoneId zone,
                        java.util.function.LongFunction<Object> reference) {
        if (v == null || v == JsonValue.NULL || (v == JsonValue.FALSE && field.type() != FieldType.BOOLEAN)) {
            return null;
        }
        try {
            return switch (field.type()) {
                case MANY2ONE -> reference.apply(((jakarta.json.JsonNumber) v).longValueExact());
                case INTEGER -> field.javaType() == Long.class || field.javaType() == long.class
                        ? (Object) ((jakarta.json.JsonNumber) v).longValueExact()
                        : (Object) ((jakarta.json.JsonNumber) v).intValueExact();
                case FLOAT, MONETARY -> field.javaType() == BigDecimal.class ? ((jakarta.json.JsonNumber) v).bigDecimalValue()
                        : (Object) ((jakarta.json.JsonNumber) v).doubleValue();
                case BOOLEAN -> {
                    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                        throw new ClassCastException();
                    }
                    yield v == JsonValue.TRUE;
                }
                case DATE -> LocalDate.parse(((jakarta.json.JsonString) v).getString());
                case DATETIME -> toUtc(((jakarta.json.JsonString) v).getString(), zone);
                case SELECTION -> {
                    String s = ((jakarta.json.JsonString) v).getString();
                    if (!field.selectionValues().contains(s)) {
                        throw new InvalidRequest("'" + s + "' is not a value of " + field.name() + "; use one of "
                                + field.selectionValues());
                    }
                    yield s;
                }
                case BINARY -> Base64.getDecoder().decode(((jakarta.json.JsonString) v).getString());
                case CHAR, TEXT -> ((jakarta.json.JsonString) v).getString();
                default -> throw new InvalidRequest("Field '" + field.name() + "' (" + field.type().wireName()
                        + ") cannot be written with a plain value");
            };
        } catch (ClassCastException | ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidRequest("Value " + v + " does not fit " + field.type().wireName() + " field '" + field.name() + "'");
        }
    }

    /** The display name of a record of {@code model}. */
    static String displayName(Object entity, ModelInfo model) {
        Object name = model.field(model.recName()).map(f -> get(entity, f.attribute())).orElse(null);
        return name == null ? model.name() + "," + get(entity, "id") : name.toString();
    }

    /** One field of an entity as JSON. */
    static JsonValue read(Object entity, FieldInfo field, ModelRegistry registry, ZoneId zone) {
        Object raw = get(entity, field.attribute());
        if (raw == null) {
            return column(null, field, zone);
        }
        return switch (field.type()) {
            case MANY2ONE -> Jsons.createArrayBuilder().add(((Number) get(raw, "id")).longValue())
                    .add(displayName(raw, registry.require(field.relation()))).build();
            case ONE2MANY, MANY2MANY -> {
                JsonArrayBuilder ids = Jsons.createArrayBuilder();
                ((Collection<?>) raw).stream().map(e -> ((Number) get(e, "id")).longValue()).sorted().forEach(ids::add);
                yield ids.build();
            }
            default -> column(raw, field, zone);
        };
    }

    /**
     * The value of a field that is not a relation, as a query returns it (the attribute's Java
     * value, or null), as JSON.
     */
    static JsonValue column(Object raw, FieldInfo field, ZoneId zone) {
        if (raw == null) {
            return field.type() == FieldType.BOOLEAN || field.type() == FieldType.INTEGER
                    || field.type() == FieldType.FLOAT ? JsonValue.NULL : JsonValue.FALSE;
        }
        return switch (field.type()) {
            case BOOLEAN -> (Boolean) raw ? JsonValue.TRUE : JsonValue.FALSE;
            case INTEGER -> Jsons.createValue(((Number) raw).longValue());
            case FLOAT, MONETARY -> raw instanceof BigDecimal b ? Jsons.createValue(b) : Jsons.createValue(((Number) raw).doubleValue());
            case DATE -> Jsons.createValue(raw.toString());
            case DATETIME -> Jsons.createValue(fromUtc((LocalDateTime) raw, zone));
            case BINARY -> Jsons.createValue(Base64.getEncoder().encodeToString((byte[]) raw));
            case SELECTION -> Jsons.createValue(raw instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : raw.toString());
            default -> Jsons.createValue(raw.toString());
        };
    }
}
