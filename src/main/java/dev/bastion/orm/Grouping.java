package dev.bastion.orm;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code read_group}'s plan and its last step: which fields group (with a date granularity),
 * which aggregates are computed, and the merging of the database's groups into date buckets
 * (the database groups by the exact date; sums, counts, minima and maxima merge exactly, and
 * averages are sum over count).
 */
final class Grouping {

    /** How dates are bucketed. */
    enum Granularity { DAY, WEEK, MONTH, QUARTER, YEAR }

    /** One group-by term: a field, and a granularity for dates. */
    record GroupBy(FieldInfo field, Granularity granularity, String key) {
    }

    /** One aggregate: {@code field:function}. */
    record Aggregate(FieldInfo field, String function, String key) {
        /** Whether the field is a number: then the database sums, counts and takes the extremes; else it only counts. */
        boolean numeric() {
            return NUMERIC.contains(field.type());
        }
    }

    private static final Set<FieldType> NUMERIC = EnumSet.of(FieldType.INTEGER, FieldType.FLOAT, FieldType.MONETARY);

    /** The fields {@code count} takes: stored single values (texts and binaries are not compared, lists are not values). */
    private static final Set<FieldType> COUNTABLE = EnumSet.of(FieldType.CHAR, FieldType.SELECTION, FieldType.BOOLEAN,
            FieldType.INTEGER, FieldType.FLOAT, FieldType.MONETARY, FieldType.DATE, FieldType.DATETIME, FieldType.MANY2ONE);

    private Grouping() {
    }

    static GroupBy groupBy(ModelInfo model, String term) {
        String[] parts = term.split(":", 2);
        FieldInfo field = model.requireField(parts[0].trim());
        if (field.toMany() || field.type() == FieldType.BINARY || field.type() == FieldType.TEXT) {
            throw new InvalidRequest("Cannot group by " + field.type().wireName() + " field '" + field.name() + "'");
        }
        boolean dated = field.type() == FieldType.DATE || field.type() == FieldType.DATETIME;
        if (parts.length == 1) {
            return new GroupBy(field, dated ? Granularity.MONTH : null, field.name());
        }
        if (!dated) {
            throw new InvalidRequest("Only date fields take a granularity; '" + field.name() + "' is " + field.type().wireName());
        }
        try {
            return new GroupBy(field, Granularity.valueOf(parts[1].trim().toUpperCase(Locale.ROOT)), term.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("Unknown granularity '" + parts[1] + "'; use day, week, month, quarter or year");
        }
    }

    static Aggregate aggregate(ModelInfo model, String term) {
        String[] parts = term.split(":", 2);
        FieldInfo field = model.requireField(parts[0].trim());
        String function = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "sum";
        if (!List.of("sum", "avg", "min", "max", "count").contains(function)) {
            throw new InvalidRequest("Unknown aggregate '" + function + "'; use sum, avg, min, max or count");
        }
        // Decided here for every field type, before any query: the database would refuse the rest.
        if (function.equals("count") ? !COUNTABLE.contains(field.type()) : !NUMERIC.contains(field.type())) {
            throw new InvalidRequest("Cannot " + function + " " + field.type().wireName() + " field '" + field.name() + "': "
                    + (function.equals("count")
                    ? "count takes char, selection, boolean, integer, float, monetary, date, datetime and many2one fields"
                    : function + " takes integer, float and monetary fields"));
        }
        return new Aggregate(field, function, field.name() + (parts.length == 2 ? ":" + function : ""));
    }

    /** The bucket label of a date or a UTC datetime, in the caller's zone. */
    static String bucket(Object value, Granularity granularity, ZoneId zone) {
        LocalDate date = value instanceof LocalDateTime utc
                ? utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate() : (LocalDate) value;
        return switch (granularity) {
            case DAY -> date.toString();
            case WEEK -> date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%d-%02d", date.getYear(), date.getMonthValue());
            case QUARTER -> date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(date.getYear());
        };
    }

    /** Running totals of one merged group. */
    static final class Bucket {
        final Map<String, JsonValue> keys = new LinkedHashMap<>();
        long count;
        // Decimal, not double: monetary sums merged over date buckets must not pick up binary noise.
        final Map<String, BigDecimal> sums = new LinkedHashMap<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, BigDecimal> mins = new LinkedHashMap<>();
        final Map<String, BigDecimal> maxs = new LinkedHashMap<>();

        void add(Aggregate a, Number sum, Number count, Number min, Number max) {
            if (sum != null) {
                sums.merge(a.key(), decimal(sum), BigDecimal::add);
            }
            counts.merge(a.key(), count == null ? 0L : count.longValue(), Long::sum);
            if (min != null) {
                mins.merge(a.key(), decimal(min), BigDecimal::min);
            }
            if (max != null) {
                maxs.merge(a.key(), decimal(max), BigDecimal::max);
            }
        }

        private static BigDecimal decimal(Number n) {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        }

        JsonObject toJson(List<Aggregate> aggregates) {
            JsonObjectBuilder b = Jsons.createObjectBuilder();
            keys.forEach(b::add);
            b.add("__count", count);
            for (Aggregate a : aggregates) {
                long n = counts.getOrDefault(a.key(), 0L);
                BigDecimal value = switch (a.function()) {
                    case "sum" -> sums.getOrDefault(a.key(), BigDecimal.ZERO);
                    case "avg" -> n == 0 ? null
                            : sums.getOrDefault(a.key(), BigDecimal.ZERO).divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
                    case "min" -> mins.get(a.key());
                    case "max" -> maxs.get(a.key());
                    default -> BigDecimal.valueOf(n);
                };
                if (value == null) {
                    b.add(a.key(), JsonValue.NULL);
                } else if (a.function().equals("count") || (a.field().type() == FieldType.INTEGER && !a.function().equals("avg"))) {
                    b.add(a.key(), value.longValue());
                } else {
                    b.add(a.key(), value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros());
                }
            }
            return b.build();
        }
    }

    /** Orders merged groups by {@code orderBy} ("key [asc|desc], ..."; default: the group keys) and pages them. */
    static JsonArray order(List<JsonObject> groups, String orderBy, List<String> allowed, int offset, int limit) {
        List<JsonObject> sorted = new ArrayList<>(groups);
        Comparator<JsonObject> comparator = null;
        String spec = orderBy == null || orderBy.isBlank() ? String.join(",", allowed.subList(0, Math.min(1, allowed.size()))) : orderBy;
        for (String term : spec.split(",")) {
            String[] parts = term.trim().split("\\s+");
            if (parts[0].isEmpty()) {
                continue;
            }
            if (!allowed.contains(parts[0])) {
                throw new InvalidRequest("Cannot order groups by '" + parts[0] + "'; use one of " + allowed);
            }
            Comparator<JsonObject> next = Comparator.comparing(g -> sortKey(g.get(parts[0])), Comparator.nullsFirst(Comparator.naturalOrder()));
            if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        if (comparator != null) {
            sorted.sort(comparator);
        }
        JsonArrayBuilder page = Jsons.createArrayBuilder();
        sorted.stream().skip(offset).limit(limit).forEach(page::add);
        return page.build();
    }

    @SuppressWarnings({"rawtypes"})
    private static Comparable sortKey(JsonValue v) {
        if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
            return null;
        }
        if (v instanceof jakarta.json.JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonArray a && a.size() == 2) {
            return a.get(1).toString();
        }
        return v.toString();
    }
}
