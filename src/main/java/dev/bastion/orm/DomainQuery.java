package dev.bastion.orm;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CommonAbstractCriteria;
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
import jakarta.persistence.criteria.Subquery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a parsed {@link Domain} into a JPA Criteria predicate over one model: every field is
 * checked against the model (and the access policy, through {@code fieldCheck}), every value
 * against the field's type, and every value is a bound parameter, never query text.
 *
 * <p>Whatever a domain reaches through a relation obeys the caller's record rules on the
 * related model ({@code rules}): a hidden related record matches nothing, so no condition
 * can tell what it holds or that it exists. x2many conditions are subqueries over the
 * related records the caller may see; followed many2one paths are restricted the same way;
 * {@code child_of} and {@code parent_of} walk the hierarchy through visible records only.
 */
final class DomainQuery {

    /**
     * Query hint that keeps values bound. EclipseLink's H2 platform otherwise prints every value
     * of a query into its SQL as soon as the query uses a function (LIKE ... ESCAPE, LOWER,
     * COUNT DISTINCT), and prints booleans as 1, which H2 2 refuses. A plain string: no
     * EclipseLink import; other providers ignore it.
     */
    static final String BIND_HINT = "eclipselink.jdbc.bind-parameters";

    /** The portable query timeout hint, in milliseconds. */
    static final String TIMEOUT_HINT = "jakarta.persistence.query.timeout";

    /** How deep child_of/parent_of follow a hierarchy. */
    private static final int MAX_HIERARCHY_DEPTH = 50;

    /** No restriction: for rule domains themselves, which are evaluated with full sight. */
    static final Function<ModelInfo, List<Domain>> NO_RULES = model -> List.of();

    /** No check: for rule domains, which may use any field. */
    static final FieldCheck NO_CHECK = (model, field) -> { };

    private final EntityManager em;
    private final CriteriaBuilder cb;
    private final ModelRegistry registry;
    private final CallContext context;
    private final CommonAbstractCriteria query;
    private final FieldCheck fieldCheck;
    private final Function<ModelInfo, List<Domain>> rules;
    private final int timeoutMillis;
    private final Map<String, From<?, ?>> joins = new HashMap<>();
    private final List<Followed> followed = new ArrayList<>();
    private final Map<ParameterExpression<?>, Object> parameters = new LinkedHashMap<>();

    /** Called for every field a domain touches, with the model it belongs to. */
    interface FieldCheck {
        void check(ModelInfo model, String field);
    }

    /**
     * @param query         the query the predicates go into (x2many conditions become its subqueries)
     * @param rules         the caller's read rule domains of a related model
     * @param timeoutMillis timeout of the queries this class runs itself (hierarchies), 0 for none
     */
    DomainQuery(EntityManager em, ModelRegistry registry, CallContext context, CommonAbstractCriteria query,
                FieldCheck fieldCheck, Function<ModelInfo, List<Domain>> rules, int timeoutMillis) {
        this.em = em;
        this.cb = em.getCriteriaBuilder();
        this.registry = registry;
        this.context = context;
        this.query = query;
        this.fieldCheck = fieldCheck;
        this.rules = rules;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sets the hints every engine query carries: bound values, and the timeout when there is one. */
    static <T extends Query> T hinted(T query, int timeoutMillis) {
        query.setHint(BIND_HINT, "True");
        if (timeoutMillis > 0) {
            query.setHint(TIMEOUT_HINT, timeoutMillis);
        }
        return query;
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
     * related record it followed, either there is none or it matches the caller's rules on its
     * model. A condition on a hidden related record then never matches, so no filter can tell
     * what a hidden record holds.
     */
    List<Predicate> followedRecordsWithin() {
        List<Predicate> all = new ArrayList<>();
        for (Followed f : followed) {
            Predicate within = within(f.join(), f.model());
            if (within != null) {
                all.add(cb.or(cb.isNull(f.join().get("id")), within));
            }
        }
        return all;
    }

    /** The caller's rules on {@code model} over {@code from}, or null when there are none. */
    private Predicate within(From<?, ?> from, ModelInfo model) {
        List<Domain> domains = rules.apply(model);
        if (domains.isEmpty()) {
            return null;
        }
        DomainQuery inner = new DomainQuery(em, registry, context, query, NO_CHECK, NO_RULES, timeoutMillis);
        List<Predicate> within = new ArrayList<>();
        for (Domain domain : domains) {
            within.add(inner.predicate(domain, from, model));
        }
        parameters.putAll(inner.parameters());
        return cb.and(within.toArray(Predicate[]::new));
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
            return toMany(r, op, value, leaf);
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
                // Matching a many2one by text matches the target's display name: the caller must be allowed to read it.
                ModelInfo target = registry.require(field.relation());
                fieldCheck.check(target, target.recName());
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

    /**
     * An x2many condition as a subquery over the related records the caller may see, Odoo's
     * way: {@code in}/{@code =} hold when a visible related record is among the ids,
     * {@code not in}/{@code !=} when none is, {@code = false} when there is no visible one.
     */
    private Predicate toMany(Resolved r, String op, JsonValue value, Domain.Leaf leaf) {
        FieldInfo field = r.field();
        ModelInfo target = registry.require(field.relation());
        boolean empty = value == JsonValue.FALSE;
        List<Long> ids = empty ? List.of() : ids(value, leaf);
        boolean positive = switch (op) {
            case "in" -> true;
            case "not in" -> false;
            case "=" -> {
                if (!empty) {
                    single(ids, leaf);
                }
                yield !empty;
            }
            case "!=" -> {
                if (!empty) {
                    single(ids, leaf);
                }
                yield empty;
            }
            default -> throw new InvalidRequest("Operator '" + op + "' cannot be used on " + field.type().wireName()
                    + " field '" + leaf.path() + "'; use in, not in, = or !=");
        };
        if (!empty && ids.isEmpty()) {
            return positive ? never(r.from().get("id")) : cb.conjunction();
        }
        Subquery<Long> owners = query.subquery(Long.class);
        Root<?> owner = owners.from(r.model().entity());
        Join<?, ?> related = owner.join(field.attribute());
        List<Predicate> where = new ArrayList<>();
        if (!empty) {
            where.add(in(related.get("id"), ids));
        }
        Predicate visible = within(related, target);
        if (visible != null) {
            where.add(visible);
        }
        owners.select(owner.<Long>get("id")).where(where.toArray(Predicate[]::new));
        Predicate member = r.from().get("id").in(owners);
        return positive ? member : cb.not(member);
    }

    private Predicate hierarchy(Resolved r, String op, List<Long> ids) {
        // On a many2one (partner_id child_of 7) the hierarchy is the target's; on id, the model's own.
        boolean relation = r.field().type() == FieldType.MANY2ONE;
        ModelInfo model = relation ? registry.require(r.field().relation()) : r.model();
        if (!relation && !r.field().name().equals("id")) {
            throw new InvalidRequest("child_of/parent_of apply to id or a many2one, not to '" + r.field().name() + "'");
        }
        FieldInfo parent = model.field("parent_id").filter(f -> model.name().equals(f.relation()))
                .orElseThrow(() -> new InvalidRequest("child_of/parent_of need a hierarchy: " + model.name()
                        + " has no parent_id"));
        fieldCheck.check(model, parent.name());
        Set<Long> found = new LinkedHashSet<>(ids);
        List<Long> frontier = ids;
        for (int depth = 0; depth < MAX_HIERARCHY_DEPTH && !frontier.isEmpty(); depth++) {
            CriteriaQuery<Long> q = cb.createQuery(Long.class);
            Root<?> t = q.from(model.entity());
            DomainQuery inner = new DomainQuery(em, registry, context, q, NO_CHECK, NO_RULES, timeoutMillis);
            List<Predicate> where = new ArrayList<>();
            // Only through records the caller may see: a hidden record neither leads anywhere nor is reached.
            Predicate visibleChild = inner.within(t, model, rules);
            if (visibleChild != null) {
                where.add(visibleChild);
            }
            if (op.equals("child_of")) {
                where.add(inner.in(t.get(parent.attribute()).get("id"), frontier));
                q.select(t.get("id"));
            } else {
                Join<?, ?> p = t.join(parent.attribute());
                where.add(inner.in(t.get("id"), frontier));
                Predicate visibleParent = inner.within(p, model, rules);
                if (visibleParent != null) {
                    where.add(visibleParent);
                }
                q.select(p.get("id"));
            }
            q.where(where.toArray(Predicate[]::new));
            TypedQuery<Long> level = em.createQuery(q);
            inner.parameters().forEach((k, v) -> setParameter(level, k, v));
            frontier = hinted(level, timeoutMillis).getResultList().stream().filter(found::add).toList();
            if (found.size() > Domain.MAX_VALUES) {
                throw new InvalidRequest(op + " reaches more than " + Domain.MAX_VALUES
                        + " records (the limit of one list); narrow it");
            }
        }
        Path<?> target = relation ? r.from().get(r.field().attribute()).get("id") : r.from().get("id");
        return in(target, new ArrayList<>(found));
    }

    /** {@link #within} with another model's rules, for the hierarchy queries. */
    private Predicate within(From<?, ?> from, ModelInfo model, Function<ModelInfo, List<Domain>> callerRules) {
        List<Domain> domains = callerRules.apply(model);
        if (domains.isEmpty()) {
            return null;
        }
        List<Predicate> within = new ArrayList<>();
        for (Domain domain : domains) {
            within.add(predicate(domain, from, model));
        }
        return cb.and(within.toArray(Predicate[]::new));
    }

    @SuppressWarnings("unchecked")
    static void setParameter(Query query, ParameterExpression<?> p, Object value) {
        query.setParameter((jakarta.persistence.Parameter<Object>) p, value);
    }

    /**
     * {@code path IN (:values)}. One list parameter instead of one parameter per value: the
     * provider's bookkeeping per parameter made a large list cost the square of its length.
     * Enum values stay single parameters, so the mapping converts each one.
     */
    private Predicate in(Expression<?> path, List<?> values) {
        if (values.isEmpty()) {
            return never(path);
        }
        if (values.get(0) instanceof Enum<?>) {
            return path.in(values.stream().map(this::bind).toArray(Expression[]::new));
        }
        return path.in(bind(new ArrayList<>(new LinkedHashSet<>(values))));
    }

    /**
     * A condition no row meets, written so the provider cannot fold it away: a constant FALSE
     * made EclipseLink drop the rest of the WHERE clause with its parameters, and then refuse
     * the values bound to them.
     */
    private Predicate never(Expression<?> path) {
        return cb.and(cb.isNull(path), cb.isNotNull(path));
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
