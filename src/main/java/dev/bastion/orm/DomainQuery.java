package dev.bastion.orm;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a parsed {@link Domain} into a JPA Criteria predicate over one model: every field is
 * checked against the model (and the access policy, through {@code fieldCheck}), every value
 * against the field's type, and every value is a bound parameter, never query text.
 */
final class DomainQuery {

    /**
     * Query hint that keeps values bound. EclipseLink's H2 platform otherwise prints every value
     * of a query into its SQL as soon as the query uses a function (LIKE ... ESCAPE, LOWER,
     * COUNT DISTINCT), and prints booleans as 1, which H2 2 refuses. A plain string: no
     * EclipseLink import; other providers ignore it.
     */
    static final String BIND_HINT = "eclipselink.jdbc.bind-parameters";

    /** How deep child_of/parent_of follow a hierarchy. */
    private static final int MAX_HIERARCHY_DEPTH = 50;

    private final EntityManager em;
    private final CriteriaBuilder cb;
    private final ModelRegistry registry;
    private final CallContext context;
    private final FieldCheck fieldCheck;
    private final Map<String, From<?, ?>> joins = new HashMap<>();
    private final List<Followed> followed = new ArrayList<>();
    private final Map<ParameterExpression<?>, Object> parameters = new LinkedHashMap<>();

    /** Called for every field a domain touches, with the model it belongs to. */
    interface FieldCheck {
        void check(ModelInfo model, String field);
    }

    DomainQuery(EntityManager em, ModelRegistry registry, CallContext context, FieldCheck fieldCheck) {
        this.em = em;
        this.cb = em.getCriteriaBuilder();
        this.registry = registry;
        this.context = context;
        this.fieldCheck = fieldCheck;
    }

    /** The values of the parameters the predicates use: set them on the query before running it. */
    Map<ParameterExpression<?>, Object> parameters() {
        return parameters;
    }

    /** A bound parameter holding {@code value}: user values never become query text. */
    @SuppressWarnings("unchecked")
    <T> ParameterExpression<T> bind(T value) {
        ParameterExpression<T> p = (ParameterExpression<T>) cb.parameter(value.getClass());
        parameters.put(p, value);
        return p;
    }

    private List<Expression<?>> bindAll(List<?> values) {
        List<Expression<?>> bound = new ArrayList<>();
        for (Object v : values) {
            bound.add(bind(v));
        }
        return bound;
    }

    Predicate predicate(Domain domain, From<?, ?> root, ModelInfo model) {
        if (domain instanceof Domain.All) {
            return cb.conjunction();
        }
        if (domain instanceof Domain.And a) {
            return cb.and(predicate(a.left(), root, model), predicate(a.right(), root, model));
        }
        if (domain instanceof Domain.Or o) {
            return cb.or(predicate(o.left(), root, model), predicate(o.right(), root, model));
        }
        if (domain instanceof Domain.Not n) {
            return cb.not(predicate(n.operand(), root, model));
        }
        return leaf((Domain.Leaf) domain, root, model);
    }

    /** The attribute path of a (dotted) technical path, joining through relations. */
    private Resolved resolve(String dotted, From<?, ?> root, ModelInfo model) {
        String[] parts = dotted.split("\\.", -1);
        From<?, ?> from = root;
        ModelInfo current = model;
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            FieldInfo f = current.requireField(parts[i]);
            fieldCheck.check(current, f.name());
            if (!f.relational()) {
                throw new InvalidRequest("'" + parts[i] + "' of " + current.name() + " is a " + f.type().wireName()
                        + " field: only relations can be followed in '" + dotted + "'");
            }
            key.append(parts[i]).append('.');
            From<?, ?> parent = from;
            ModelInfo target = registry.require(f.relation());
            from = joins.computeIfAbsent(key.toString(), k -> followed(parent.join(f.attribute(), JoinType.LEFT), target));
            current = target;
        }
        FieldInfo last = current.requireField(parts[parts.length - 1]);
        fieldCheck.check(current, last.name());
        return new Resolved(from, current, last);
    }

    private record Resolved(From<?, ?> from, ModelInfo model, FieldInfo field) {
    }

    private record Followed(From<?, ?> join, ModelInfo model) {
    }

    private From<?, ?> followed(From<?, ?> join, ModelInfo target) {
        followed.add(new Followed(join, target));
        return join;
    }

    /**
     * Keeps the records a domain reached through relations within the caller's reach: for each
     * related record it followed, either there is none or it matches {@code rules} of its model.
     * A condition on a hidden related record then matches as if the relation were empty, so no
     * filter can tell what a hidden record holds.
     */
    List<Predicate> followedRecordsWithin(Function<ModelInfo, List<JsonArray>> rules) {
        List<Predicate> all = new ArrayList<>();
        for (Followed f : followed) {
            List<JsonArray> domains = rules.apply(f.model());
            if (domains.isEmpty()) {
                continue;
            }
            DomainQuery inner = new DomainQuery(em, registry, context, (model, field) -> { });
            List<Predicate> within = new ArrayList<>();
            for (JsonArray domain : domains) {
                within.add(inner.predicate(Domain.parse(domain), f.join(), f.model()));
            }
            parameters.putAll(inner.parameters());
            all.add(cb.or(cb.isNull(f.join().get("id")), cb.and(within.toArray(Predicate[]::new))));
        }
        return all;
    }

    private Predicate leaf(Domain.Leaf leaf, From<?, ?> root, ModelInfo model) {
        Resolved r = resolve(leaf.path(), root, model);
        FieldInfo field = r.field();
        String op = leaf.operator();
        JsonValue value = leaf.value();
        if (op.equals("=?")) {
            if (value == JsonValue.FALSE || value == JsonValue.NULL) {
                return cb.conjunction();
            }
            op = "=";
        }
        if (op.equals("child_of") || op.equals("parent_of")) {
            return hierarchy(r, op, ids(value, leaf));
        }
        if (field.toMany()) {
            From<?, ?> join = joins.computeIfAbsent(leaf.path() + "#", k -> r.from().join(field.attribute(), JoinType.LEFT));
            Path<Object> id = join.get("id");
            return switch (op) {
                case "in" -> in(id, ids(value, leaf));
                case "not in" -> cb.or(cb.isNull(id), cb.not(in(id, ids(value, leaf))));
                case "=" -> value == JsonValue.FALSE ? cb.isNull(id) : cb.equal(id, bind(single(ids(value, leaf), leaf)));
                case "!=" -> value == JsonValue.FALSE ? cb.isNotNull(id) : cb.notEqual(id, bind(single(ids(value, leaf), leaf)));
                default -> throw new InvalidRequest("Operator '" + op + "' cannot be used on " + field.type().wireName()
                        + " field '" + leaf.path() + "'; use in, not in, = or !=");
            };
        }
        Path<Object> path = r.from().get(field.attribute());
        if (field.type() == FieldType.MANY2ONE && !op.contains("like")
                && (value == JsonValue.FALSE || value == JsonValue.NULL)) {
            // On the relation itself: following it to its id would join and lose the empty ones.
            return switch (op) {
                case "=" -> cb.isNull(path);
                case "!=" -> cb.isNotNull(path);
                default -> throw new InvalidRequest("false (no value) can only be compared with = or != in '"
                        + leaf.path() + "'");
            };
        }
        if (field.type() == FieldType.MANY2ONE) {
            if (op.contains("like")) {
                ModelInfo target = registry.require(field.relation());
                From<?, ?> join = joins.computeIfAbsent(leaf.path() + ".",
                        k -> followed(r.from().join(field.attribute(), JoinType.LEFT), target));
                return like(join.get(target.field(target.recName()).map(FieldInfo::attribute).orElse("id")), op, value, leaf);
            }
            path = path.get("id");
        }
        if (value == JsonValue.FALSE && field.type() != FieldType.BOOLEAN || value == JsonValue.NULL) {
            return switch (op) {
                case "=" -> cb.isNull(path);
                case "!=" -> cb.isNotNull(path);
                default -> throw new InvalidRequest("false (no value) can only be compared with = or != in '"
                        + leaf.path() + "'");
            };
        }
        if (op.contains("like")) {
            if (field.type() != FieldType.CHAR && field.type() != FieldType.TEXT && field.type() != FieldType.SELECTION) {
                throw new InvalidRequest("Operator '" + op + "' needs a text field; '" + leaf.path() + "' is "
                        + field.type().wireName());
            }
            return like(path, op, value, leaf);
        }
        if (op.equals("in") || op.equals("not in")) {
            if (!(value instanceof JsonArray list)) {
                throw new InvalidRequest("Operator '" + op + "' on '" + leaf.path() + "' needs a list of values");
            }
            List<Object> values = new ArrayList<>();
            for (JsonValue v : list) {
                values.add(convert(v, field, leaf));
            }
            Predicate in = in(path, values);
            return op.equals("in") ? in : cb.or(cb.isNull(path), cb.not(in));
        }
        Object operand = convert(value, field, leaf);
        return compare(path, op, operand, leaf);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate compare(Path<Object> path, String op, Object operand, Domain.Leaf leaf) {
        Expression<Comparable> e = (Expression) path;
        Expression<Comparable> c = (Expression) bind(operand);
        return switch (op) {
            case "=" -> cb.equal(path, c);
            case "!=" -> cb.or(cb.isNull(path), cb.notEqual(path, c));
            case "<" -> cb.lessThan(e, c);
            case "<=" -> cb.lessThanOrEqualTo(e, c);
            case ">" -> cb.greaterThan(e, c);
            case ">=" -> cb.greaterThanOrEqualTo(e, c);
            default -> throw new InvalidRequest("Operator '" + op + "' cannot be used on '" + leaf.path() + "'");
        };
    }

    private Predicate like(Path<?> path, String op, JsonValue value, Domain.Leaf leaf) {
        if (!(value instanceof JsonString s)) {
            throw new InvalidRequest("Operator '" + op + "' on '" + leaf.path() + "' needs a text value, got " + value);
        }
        boolean pattern = op.startsWith("=");
        boolean insensitive = op.contains("ilike");
        boolean negated = op.startsWith("not");
        String text = pattern ? s.getString() : "%" + escape(s.getString()) + "%";
        @SuppressWarnings("unchecked")
        Expression<String> target = (Expression<String>) path;
        Predicate like = insensitive
                ? cb.like(cb.lower(target), bind(text.toLowerCase(java.util.Locale.ROOT)), '\\')
                : cb.like(target, bind(text), '\\');
        return negated ? cb.or(cb.isNull(target), cb.not(like)) : like;
    }

    /** like/ilike search for the text itself: its own % and _ are literal. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Predicate hierarchy(Resolved r, String op, List<Long> ids) {
        ModelInfo model = r.model();
        FieldInfo parent = model.field("parent_id").filter(f -> model.name().equals(f.relation()))
                .orElseThrow(() -> new InvalidRequest("child_of/parent_of need a hierarchy: " + model.name()
                        + " has no parent_id"));
        Set<Long> found = new HashSet<>(ids);
        List<Long> frontier = ids;
        for (int depth = 0; depth < MAX_HIERARCHY_DEPTH && !frontier.isEmpty(); depth++) {
            CriteriaQuery<Long> q = cb.createQuery(Long.class);
            Root<?> t = q.from(model.entity());
            ParameterExpression<List> level = cb.parameter(List.class);
            if (op.equals("child_of")) {
                q.select(t.get("id")).where(t.get(parent.attribute()).get("id").in(level));
            } else {
                Join<?, ?> p = t.join(parent.attribute());
                q.select(p.get("id")).where(t.get("id").in(level));
            }
            frontier = em.createQuery(q).setParameter(level, frontier).setHint(BIND_HINT, "True").getResultList()
                    .stream().filter(found::add).toList();
        }
        return in(r.from().get("id"), new ArrayList<>(found));
    }

    private Predicate in(Expression<?> path, List<?> values) {
        return values.isEmpty() ? cb.disjunction() : path.in(bindAll(values).toArray(Expression[]::new));
    }

    private static List<Long> ids(JsonValue value, Domain.Leaf leaf) {
        List<Long> ids = new ArrayList<>();
        if (value instanceof JsonNumber n && n.isIntegral()) {
            ids.add(n.longValue());
        } else if (value instanceof JsonArray list) {
            for (JsonValue v : list) {
                if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
                    throw new InvalidRequest("'" + leaf.path() + "' " + leaf.operator() + " needs record ids, got " + v);
                }
                ids.add(n.longValue());
            }
        } else {
            throw new InvalidRequest("'" + leaf.path() + "' " + leaf.operator() + " needs an id or a list of ids, got " + value);
        }
        return ids;
    }

    private static Long single(List<Long> ids, Domain.Leaf leaf) {
        if (ids.size() != 1) {
            throw new InvalidRequest("'" + leaf.path() + "' " + leaf.operator() + " needs one id");
        }
        return ids.get(0);
    }

    /** A JSON value as the Java value of a field, or a precise refusal. */
    private Object convert(JsonValue v, FieldInfo field, Domain.Leaf leaf) {
        try {
            return switch (field.type()) {
                case INTEGER, MANY2ONE -> {
                    JsonNumber n = (JsonNumber) v;
                    if (!n.isIntegral()) {
                        throw new ClassCastException();
                    }
                    yield field.javaType() == Integer.class || field.javaType() == int.class ? (Object) n.intValueExact()
                            : (Object) n.longValueExact();
                }
                case FLOAT, MONETARY -> field.javaType() == BigDecimal.class ? ((JsonNumber) v).bigDecimalValue()
                        : (Object) ((JsonNumber) v).doubleValue();
                case BOOLEAN -> {
                    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                        throw new ClassCastException();
                    }
                    yield v == JsonValue.TRUE;
                }
                case DATE -> LocalDate.parse(((JsonString) v).getString().substring(0, 10));
                case DATETIME -> Values.toUtc(((JsonString) v).getString(), context.tz());
                case SELECTION -> {
                    String s = ((JsonString) v).getString();
                    if (!field.selectionValues().contains(s)) {
                        throw new InvalidRequest("'" + s + "' is not a value of " + leaf.path() + "; use one of "
                                + field.selectionValues());
                    }
                    yield field.javaType().isEnum() ? enumValue(field.javaType(), s) : s;
                }
                default -> ((JsonString) v).getString();
            };
        } catch (ClassCastException | ArithmeticException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new InvalidRequest("Value " + v + " does not fit " + field.type().wireName() + " field '" + leaf.path() + "'");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String value) {
        return Enum.valueOf((Class) type, value.toUpperCase(java.util.Locale.ROOT));
    }
}
