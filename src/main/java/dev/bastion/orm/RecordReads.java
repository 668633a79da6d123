package dev.bastion.orm;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading for {@link Records}: search, count, read and name_search, with the related records
 * shown only as far as the caller may read them ({@link Reach}); a page is read as columns, the
 * names of the records it points at and its x2many members per relation.
 */
@ApplicationScoped
class RecordReads {

    @Inject
    EntityManager em;

    @Inject
    ModelRegistry registry;

    @Inject
    RecordScope scope;

    @Inject
    SettingsService settings;

    /** {@link Records#search}. */
    Records.Page search(CallContext context, String model, JsonArray domain, List<String> fields, int offset,
                       Integer limit, String order, boolean countAll) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.READ);
        List<FieldInfo> selected = fields(context, m, fields, policy);
        int max = (int) Math.max(1, settings.getCount(SettingKey.MAX_RECORDS));
        int size = limit == null || limit <= 0 || limit > max ? max : limit;
        if (offset < 0) {
            throw new InvalidRequest("offset must be 0 or more");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Domain parsed = Domain.parse(domain);
        boolean repeats = mayRepeat(context, m, parsed, policy);
        Long total = null;
        if (countAll) {
            CriteriaQuery<Long> count = cb.createQuery(Long.class);
            Root<?> countRoot = count.from(m.entity());
            RecordScope.Filter countFilter = scope.where(context, m, parsed, count, countRoot, policy);
            count.select(repeats ? cb.countDistinct(countRoot) : cb.count(countRoot)).where(countFilter.predicate());
            total = countFilter.bind(em.createQuery(count)).getSingleResult();
        }

        CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
        Root<?> root = query.from(m.entity());
        RecordScope.Filter filter = scope.where(context, m, parsed, query, root, policy);
        List<Order> orders = order(context, m, pinnedFirst(m, parsed, order == null || order.isBlank() ? m.order() : order),
                root, policy);
        columns(query, root, selected, orders, repeats).where(filter.predicate()).orderBy(orders);
        List<Object[]> rows = rows(filter.bind(em.createQuery(query)).setFirstResult(offset)
                .setMaxResults(countAll ? size : size + 1).getResultList());
        boolean more = countAll ? offset + rows.size() < total : rows.size() > size;
        rows = rows.subList(0, Math.min(size, rows.size()));
        if (total == null && !more && (offset == 0 || !rows.isEmpty())) {
            total = (long) offset + rows.size();
        }
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        toJson(m, rows, selected, context, policy).forEach(records::add);
        return new Records.Page(records.build(), total, offset, size, more);
    }

    /**
     * The order with the fields the domain pins to one value ({@code state = sale} at its top
     * level) put first. Ordering by a field every match holds the same value of changes no
     * result, but it lets H2 serve the order from an index that starts with that field
     * ({@code (state, date_order desc, id desc)}) and stop after one page: H2 only uses an index
     * for ORDER BY when the index starts with the ordered columns, and otherwise sorts every
     * match. PostgreSQL drops such terms itself.
     */
    private static String pinnedFirst(ModelInfo m, Domain domain, String order) {
        Set<String> named = new LinkedHashSet<>();
        for (String term : order.split(",")) {
            named.add(term.trim().split("\\s+")[0]);
        }
        List<String> pinned = new ArrayList<>();
        List<Domain> conjuncts = new ArrayList<>(List.of(domain));
        while (!conjuncts.isEmpty()) {
            Domain d = conjuncts.remove(0);
            if (d instanceof Domain.And and) {
                conjuncts.add(and.left());
                conjuncts.add(and.right());
            } else if (d instanceof Domain.Leaf leaf && leaf.operator().equals("=") && !named.contains(leaf.path())) {
                Optional<FieldInfo> f = m.field(leaf.path());
                JsonValue.ValueType type = leaf.value().getValueType();
                boolean scalar = type == JsonValue.ValueType.STRING || type == JsonValue.ValueType.NUMBER
                        || type == JsonValue.ValueType.TRUE
                        || (type == JsonValue.ValueType.FALSE && f.isPresent() && f.get().type() == FieldType.BOOLEAN);
                if (f.isPresent() && scalar && !f.get().toMany() && f.get().type() != FieldType.BINARY
                        && (f.get().type() != FieldType.MANY2ONE || type == JsonValue.ValueType.NUMBER)
                        && named.add(leaf.path())) {
                    pinned.add(leaf.path());
                }
            }
        }
        return pinned.isEmpty() ? order : String.join(", ", pinned) + ", " + order;
    }

    /**
     * Whether a record may come back on several rows: only when a condition goes through a
     * one2many or many2many (the caller's or a record rule's), or follows a relation to
     * another model, whose own rules are joined in. Otherwise DISTINCT would only make the
     * database sort whole rows (a second instead of milliseconds on 100,000 orders).
     */
    private boolean mayRepeat(CallContext context, ModelInfo m, Domain domain, AccessPolicy policy) {
        for (Domain.Leaf leaf : Domain.leaves(domain)) {
            Optional<FieldInfo> f = m.field(leaf.path());
            if (leaf.path().contains(".") || f.isEmpty() || f.get().toMany()
                    || (f.get().type() == FieldType.MANY2ONE && leaf.value().getValueType() == JsonValue.ValueType.STRING)) {
                return true;
            }
        }
        for (Domain rule : policy.ruleDomains(context, m, Operation.READ)) {
            for (Domain.Leaf leaf : Domain.leaves(rule)) {
                ModelInfo at = m;
                for (String segment : leaf.path().split("\\.")) {
                    Optional<FieldInfo> f = at.field(segment);
                    if (f.isEmpty() || f.get().toMany()) {
                        return true;
                    }
                    if (f.get().relation() == null) {
                        break;
                    }
                    at = registry.require(f.get().relation());
                }
            }
        }
        return false;
    }

    /** {@link Records#count}. */
    long count(CallContext context, String model, JsonArray domain) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.READ);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<?> root = count.from(m.entity());
        Domain parsed = Domain.parse(domain);
        RecordScope.Filter filter = scope.where(context, m, parsed, count, root, policy);
        // COUNT(DISTINCT id) only where a record may come back on several rows: it makes the database sort every match.
        count.select(mayRepeat(context, m, parsed, policy) ? cb.countDistinct(root) : cb.count(root)).where(filter.predicate());
        return filter.bind(em.createQuery(count)).getSingleResult();
    }

    /** {@link Records#read}. */
    JsonObject read(CallContext context, String model, List<Long> ids, List<String> fields) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.READ);
        List<FieldInfo> selected = fields(context, m, fields, policy);
        if (ids.size() > Domain.MAX_VALUES) {
            throw new InvalidRequest("At most " + Domain.MAX_VALUES + " ids per read");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
        Root<?> root = query.from(m.entity());
        Domain byIds = new Domain.Leaf("id", "in", Jsons.createArrayBuilder(ids).build());
        RecordScope.Filter filter = scope.where(context.withActiveTest(false), m, byIds, query, root, policy);
        List<Order> byId = List.of(cb.asc(root.get("id")));
        columns(query, root, selected, byId, false).where(filter.predicate()).orderBy(byId);
        List<Object[]> rows = ids.isEmpty() ? List.of() : rows(filter.bind(em.createQuery(query)).getResultList());
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        Set<Long> found = new LinkedHashSet<>();
        toJson(m, rows, selected, context, policy).forEach(records::add);
        rows.forEach(row -> found.add(((Number) row[0]).longValue()));
        JsonArrayBuilder missing = Jsons.createArrayBuilder();
        ids.stream().distinct().filter(id -> !found.contains(id)).forEach(missing::add);
        return Jsons.createObjectBuilder().add("records", records).add("missing", missing).build();
    }

    /** {@link Records#nameSearch}. */
    JsonArray nameSearch(CallContext context, String model, String text, JsonArray domain, Integer limit) {
        ModelInfo m = registry.require(model);
        JsonArrayBuilder d = Jsons.createArrayBuilder();
        if (domain != null) {
            domain.forEach(d::add);
        }
        if (text != null && !text.isEmpty()) {
            d.add(Jsons.createArrayBuilder().add(m.recName()).add("ilike").add(text));
        }
        JsonArrayBuilder pairs = Jsons.createArrayBuilder();
        for (JsonValue r : search(context, model, d.build(), List.of(m.recName()), 0, limit == null ? 8 : limit, null, false)
                .records()) {
            JsonObject o = r.asJsonObject();
            pairs.add(Jsons.createArrayBuilder().add(o.getJsonNumber("id")).add(o.get(m.recName())));
        }
        return pairs.build();
    }

    /**
     * Selects a page as columns: the id, the selected fields stored on the model's table (a
     * many2one as its foreign key) and, under DISTINCT, the ordered ones (which the databases
     * want in the select list then). Not whole records: every to-one is eager, so reading the
     * entities read every related record they point at, and theirs, through the whole graph
     * (80 orders cost 11 statements and some 170 records built and compared at commit), where
     * the page only shows ids and display names. x2many members and names come after, one
     * query per relation ({@link #toJson}).
     */
    private static CriteriaQuery<Object[]> columns(CriteriaQuery<Object[]> query, Root<?> root, List<FieldInfo> fields,
                                                   List<Order> orders, boolean distinct) {
        List<Selection<?>> columns = new ArrayList<>();
        columns.add(root.get("id"));
        for (FieldInfo f : stored(fields)) {
            columns.add(f.type() == FieldType.MANY2ONE ? target(root, f) : root.get(f.attribute()));
        }
        if (distinct) {
            orders.forEach(o -> columns.add(o.getExpression()));
        }
        return query.multiselect(columns).distinct(distinct);
    }

    /**
     * The id a many2one points at, through a LEFT join (one per relation and query): the path
     * {@code root.partner.id} makes EclipseLink join inner in SELECT and ORDER BY, which left
     * out every record whose many2one is empty.
     */
    private static Path<Object> target(Root<?> root, FieldInfo f) {
        for (Join<?, ?> join : root.getJoins()) {
            if (join.getAttribute().getName().equals(f.attribute()) && join.getJoinType() == JoinType.LEFT) {
                return join.get("id");
            }
        }
        return root.join(f.attribute(), JoinType.LEFT).get("id");
    }

    /** The fields among {@code fields} that are columns of the page ({@link #columns}), in that order. */
    private static List<FieldInfo> stored(List<FieldInfo> fields) {
        return fields.stream().filter(f -> !f.toMany() && !f.name().equals("id")).toList();
    }

    /** Result rows as arrays: a provider may hand a one-column row over as the value itself. */
    private static List<Object[]> rows(List<?> results) {
        return results.stream().map(r -> r instanceof Object[] row ? row : new Object[] {r}).toList();
    }

    /** The members of x2many {@code field} of each of the records {@code ids}, by record id. */
    private Map<Long, List<Long>> members(CallContext context, ModelInfo m, FieldInfo field, List<Long> ids) {
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += Domain.MAX_VALUES) {
            CriteriaQuery<Object[]> q = em.getCriteriaBuilder().createQuery(Object[].class);
            Root<?> owner = q.from(m.entity());
            Join<?, ?> member = owner.join(field.attribute());
            DomainQuery values = new DomainQuery(em, registry, context, q, DomainQuery.NO_CHECK, DomainQuery.NO_RULES,
                    scope.timeout());
            q.multiselect(owner.get("id"), member.get("id"))
                    .where(owner.get("id").in(values.bind(new ArrayList<>(ids.subList(from, Math.min(ids.size(),
                            from + Domain.MAX_VALUES))))));
            TypedQuery<Object[]> query = em.createQuery(q);
            values.parameters().forEach((p, v) -> DomainQuery.setParameter(query, p, v));
            for (Object[] row : DomainQuery.hinted(query, scope.timeout()).getResultList()) {
                members.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add(((Number) row[1]).longValue());
            }
        }
        return members;
    }

    private List<Order> order(CallContext context, ModelInfo m, String order, Root<?> root, AccessPolicy policy) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        List<Order> orders = new ArrayList<>();
        boolean byId = false;
        boolean descending = false;
        for (String term : order.split(",")) {
            String[] parts = term.trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
                throw new InvalidRequest("Invalid order '" + order + "': use 'field [asc|desc], ...'");
            }
            FieldInfo f = m.requireField(parts[0]);
            policy.checkField(context, m, f.name(), Operation.READ);
            if (f.toMany() || f.type() == FieldType.BINARY) {
                throw new InvalidRequest("Cannot order by " + f.type().wireName() + " field '" + f.name() + "'");
            }
            String direction = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "asc";
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new InvalidRequest("Invalid order direction '" + parts[1] + "': use asc or desc");
            }
            Path<?> path = f.type() == FieldType.MANY2ONE ? target(root, f) : root.get(f.attribute());
            descending = direction.equals("desc");
            orders.add(descending ? cb.desc(path) : cb.asc(path));
            byId |= f.name().equals("id");
        }
        // Ties go by id in the direction of the last term: "date_order desc" then orders as the
        // default "date_order desc, id desc", and one index (date_order desc, id desc) serves both.
        if (!byId) {
            orders.add(descending ? cb.desc(root.get("id")) : cb.asc(root.get("id")));
        }
        return orders;
    }

    private static List<FieldInfo> fields(CallContext context, ModelInfo m, List<String> names, AccessPolicy policy) {
        List<FieldInfo> selected = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            // The default set leaves out what the policy withholds instead of failing on it.
            for (FieldInfo f : m.fields().values()) {
                if (f.type() != FieldType.BINARY && f.type() != FieldType.TEXT && !f.toMany()
                        && policy.mayUse(context, m, f.name(), Operation.READ)) {
                    selected.add(f);
                }
            }
        } else {
            for (String name : new LinkedHashSet<>(names)) {
                selected.add(m.requireField(name));
            }
        }
        for (FieldInfo f : selected) {
            policy.checkField(context, m, f.name(), Operation.READ);
        }
        return selected;
    }

    /**
     * A page of records as JSON. Relations show only what the caller may read of the related
     * records ({@link Reach}): hidden many2one targets as {@code [id, null]}, hidden x2many
     * members left out. One query per x2many field, and per related model for the names and
     * the visibility together.
     */
    private List<JsonObject> toJson(ModelInfo m, List<Object[]> rows, List<FieldInfo> fields, CallContext context,
                                    AccessPolicy policy) {
        Reach reach = scope.reach(context, policy);
        List<FieldInfo> stored = stored(fields);
        List<Long> ids = rows.stream().map(row -> ((Number) row[0]).longValue()).toList();
        Map<String, Map<Long, List<Long>>> members = new LinkedHashMap<>();
        Map<String, Set<Long>> related = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>();
        for (FieldInfo f : fields) {
            if (f.toMany()) {
                Map<Long, List<Long>> of = ids.isEmpty() ? Map.of() : members(context, m, f, ids);
                members.put(f.name(), of);
                Set<Long> targets = related.computeIfAbsent(f.relation(), k -> new LinkedHashSet<>());
                of.values().forEach(targets::addAll);
            }
        }
        for (int i = 0; i < stored.size(); i++) {
            FieldInfo f = stored.get(i);
            if (f.type() == FieldType.MANY2ONE) {
                named.add(f.relation());
                Set<Long> targets = related.computeIfAbsent(f.relation(), k -> new LinkedHashSet<>());
                for (Object[] row : rows) {
                    if (row[i + 1] != null) {
                        targets.add(((Number) row[i + 1]).longValue());
                    }
                }
            }
        }
        Map<String, Map<Long, String>> names = new LinkedHashMap<>();
        Map<String, Set<Long>> visible = new LinkedHashMap<>();
        related.forEach((model, targets) -> {
            ModelInfo target = registry.require(model);
            if (named.contains(model) && reach.namesVisible(target)) {
                Map<Long, String> shown = reach.names(target, targets);
                names.put(model, shown);
                visible.put(model, shown.keySet());
            } else {
                names.put(model, Map.of());
                visible.put(model, reach.visible(target, targets));
            }
        });
        List<JsonObject> out = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", id);
            for (FieldInfo f : fields) {
                if (f.name().equals("id")) {
                    continue;
                }
                if (f.toMany()) {
                    Set<Long> shown = visible.get(f.relation());
                    JsonArrayBuilder list = Jsons.createArrayBuilder();
                    members.get(f.name()).getOrDefault(id, List.of()).stream().filter(shown::contains).sorted()
                            .forEach(list::add);
                    b.add(f.name(), list);
                    continue;
                }
                Object raw = row[stored.indexOf(f) + 1];
                if (f.type() == FieldType.MANY2ONE && raw != null) {
                    long target = ((Number) raw).longValue();
                    String name = names.get(f.relation()).get(target);
                    b.add(f.name(), name != null ? Jsons.createArrayBuilder().add(target).add(name).build()
                            : Jsons.createArrayBuilder().add(target).addNull().build());
                } else {
                    b.add(f.name(), Values.column(raw, f, context.tz()));
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
