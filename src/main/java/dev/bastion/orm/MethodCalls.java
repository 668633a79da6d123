package dev.bastion.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The business methods of the models: {@link Public} methods of {@link ModelMethods} beans,
 * found by model and name, with the call's arguments mapped onto their parameters and
 * type-checked. Only the record service calls them, after checking access.
 */
@ApplicationScoped
public class MethodCalls {

    @Inject
    BeanManager beans;

    /** A callable method and the bean that holds it. */
    public record Callable(Bean<?> bean, Method method, Public info) {
        public String name() {
            return method.getName();
        }
    }

    /** The public business methods of {@code model}, by name. */
    public List<Callable> of(String model) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .filter(b -> b.getBeanClass().isAnnotationPresent(ModelMethods.class)
                        && b.getBeanClass().getAnnotation(ModelMethods.class).value().equals(model))
                .flatMap(b -> Arrays.stream(b.getBeanClass().getMethods())
                        .filter(m -> m.isAnnotationPresent(Public.class) && !m.getName().startsWith("_"))
                        .map(m -> new Callable(b, m, m.getAnnotation(Public.class))))
                .sorted(java.util.Comparator.comparing(Callable::name)).toList();
    }

    /**
     * The method {@code name} of {@code model}.
     *
     * @throws InvalidRequest when there is none (names starting with {@code _} never exist)
     */
    public Callable require(ModelInfo model, String name) {
        if (name.startsWith("_")) {
            throw new InvalidRequest("Private methods cannot be called: " + name);
        }
        List<Callable> all = of(model.name());
        return all.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new InvalidRequest(
                "Model " + model.name() + " has no public method '" + name + "'"
                        + ModelInfo.didYouMean(name, all.stream().map(Callable::name).toList())
                        + (all.isEmpty() ? "" : "; its methods: " + all.stream().map(Callable::name).toList())));
    }

    /** Runs {@code callable} on {@code records} with positional {@code args} then keyword {@code kwargs}. */
    JsonValue invoke(Callable callable, List<Object> records, JsonArray args, JsonObject kwargs, ZoneId zone) {
        Parameter[] parameters = callable.method().getParameters();
        if (parameters.length == 0 || !List.class.isAssignableFrom(parameters[0].getType())) {
            throw new IllegalStateException(callable.method() + " must take the records (a List) first");
        }
        Object[] values = new Object[parameters.length];
        values[0] = records;
        JsonArray positional = args == null ? JsonValue.EMPTY_JSON_ARRAY : args;
        JsonObject named = kwargs == null ? JsonValue.EMPTY_JSON_OBJECT : kwargs;
        if (positional.size() > parameters.length - 1) {
            throw new InvalidRequest(callable.name() + " takes " + (parameters.length - 1) + " arguments, got "
                    + positional.size());
        }
        Set<String> used = new HashSet<>();
        for (int i = 1; i < parameters.length; i++) {
            String name = parameters[i].getName();
            JsonValue value;
            if (i - 1 < positional.size()) {
                value = positional.get(i - 1);
                if (named.containsKey(name)) {
                    throw new InvalidRequest(callable.name() + ": argument '" + name + "' given twice");
                }
            } else if (named.containsKey(name)) {
                value = named.get(name);
                used.add(name);
            } else if (parameters[i].isAnnotationPresent(OptionalArgument.class)) {
                value = JsonValue.NULL;
            } else {
                throw new InvalidRequest(callable.name() + ": missing argument '" + name + "'");
            }
            values[i] = convert(value, parameters[i].getType(), callable.name(), name, zone);
        }
        Set<String> unknown = new HashSet<>(named.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new InvalidRequest(callable.name() + ": unknown arguments " + unknown + "; it takes "
                    + Arrays.stream(parameters).skip(1).map(Parameter::getName).toList());
        }
        Object target = beans.getReference(callable.bean(), callable.bean().getBeanClass(),
                beans.createCreationalContext(callable.bean()));
        try {
            return toJson(callable.method().invoke(target, values));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OrmException o) {
                throw o;
            }
            if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
                throw new InvalidRequest(callable.name() + ": " + cause.getMessage());
            }
            throw new IllegalStateException(callable.name() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(JsonValue v, Class<?> type, String method, String name, ZoneId zone) {
        try {
            if (JsonValue.class.isAssignableFrom(type)) {
                return v;
            }
            if (v == JsonValue.NULL) {
                if (type.isPrimitive()) {
                    throw new ClassCastException();
                }
                return null;
            }
            if (type == String.class) {
                return ((JsonString) v).getString();
            }
            if (type == int.class || type == Integer.class) {
                return ((JsonNumber) v).intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return ((JsonNumber) v).longValueExact();
            }
            if (type == double.class || type == Double.class) {
                return ((JsonNumber) v).doubleValue();
            }
            if (type == BigDecimal.class) {
                return ((JsonNumber) v).bigDecimalValue();
            }
            if (type == boolean.class || type == Boolean.class) {
                if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                    throw new ClassCastException();
                }
                return v == JsonValue.TRUE;
            }
            if (type == LocalDate.class) {
                return LocalDate.parse(((JsonString) v).getString());
            }
            if (type == LocalDateTime.class) {
                return Values.toUtc(((JsonString) v).getString(), zone);
            }
        } catch (ClassCastException | ArithmeticException | java.time.format.DateTimeParseException e) {
            throw new InvalidRequest(method + ": argument '" + name + "' must be " + describe(type) + ", got " + v);
        }
        throw new IllegalStateException(method + ": parameter type " + type + " is not supported");
    }

    private static String describe(Class<?> type) {
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == LocalDateTime.class) {
            return "a datetime (ISO 8601)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** A method's result as JSON; records become their ids, nothing becomes {@code true}. */
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.TRUE;
        }
        if (value instanceof JsonValue j) {
            return j;
        }
        if (value instanceof String s) {
            return Jsons.createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof BigDecimal d) {
            return Jsons.createValue(d);
        }
        if (value instanceof Integer || value instanceof Long) {
            return Jsons.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Jsons.createValue(n.doubleValue());
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return Jsons.createValue(value.toString());
        }
        if (value instanceof Collection<?> c) {
            JsonArrayBuilder a = Jsons.createArrayBuilder();
            c.forEach(e -> a.add(toJson(e)));
            return a.build();
        }
        if (value instanceof Map<?, ?> m) {
            JsonObjectBuilder o = Jsons.createObjectBuilder();
            m.forEach((k, v) -> o.add(String.valueOf(k), toJson(v)));
            return o.build();
        }
        Optional<Object> id = Optional.ofNullable(Values.get(value, "id"));
        return id.map(i -> (JsonValue) Jsons.createValue(((Number) i).longValue())).orElse(JsonValue.NULL);
    }
}
