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
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading for {@link Records}: search, count, read and name_search, with the related records
 * shown only as far as the caller may read them ({@link Reach}) and the page's many2one targets
 * loaded per relation.
 */
@ApplicationScoped
class RecordReads {

    @PersistenceContext(unitName = "bastion")
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

        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(m.entity());
        RecordScope.Filter filter = scope.where(context, m, parsed, query, root, policy);
        query.select(root).distinct(repeats).where(filter.predicate()).orderBy(order(context, m,
                pinnedFirst(m, parsed, order == null || order.isBlank() ? m.order() : order), root, policy));
        List<Object> rows = batched(filter.bind(em.createQuery(query)), m).setFirstResult(offset)
                .setMaxResults(countAll ? size : size + 1).getResultList();
        boolean more = countAll ? offset + rows.size() < total : rows.size() > size;
        rows = rows.subList(0, Math.min(size, rows.size()));
        if (total == null && !more && (offset == 0 || !rows.isEmpty())) {
            total = (long) offset + rows.size();
        }
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        toJson(rows, selected, context, policy).forEach(records::add);
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
        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(m.entity());
        Domain byIds = new Domain.Leaf("id", "in", Jsons.createArrayBuilder(ids).build());
        RecordScope.Filter filter = scope.where(context.withActiveTest(false), m, byIds, query, root, policy);
        query.select(root).where(filter.predicate()).orderBy(cb.asc(root.get("id")));
        List<Object> rows = ids.isEmpty() ? List.of() : batched(filter.bind(em.createQuery(query)), m).getResultList();
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        Set<Long> found = new LinkedHashSet<>();
        toJson(rows, selected, context, policy).forEach(records::add);
        rows.forEach(row -> found.add(RecordScope.idOf(row)));
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
     * Loads the records a page points at (many2one targets, and theirs) with one query per
     * relation for the whole page instead of one per record, so reading N records with their
     * display names costs a bounded number of queries. The hints are EclipseLink's, given as
     * plain strings: another provider ignores them and is merely slower.
     */
    private <T extends Query> T batched(T query, ModelInfo m) {
        query.setHint("eclipselink.batch.type", "IN");
        for (FieldInfo f : m.fields().values()) {
            if (f.type() != FieldType.MANY2ONE) {
                continue;
            }
            query.setHint("eclipselink.batch", BATCH_ALIAS + "." + f.attribute());
            for (FieldInfo g : registry.require(f.relation()).fields().values()) {
                if (g.type() == FieldType.MANY2ONE) {
                    query.setHint("eclipselink.batch", BATCH_ALIAS + "." + f.attribute() + "." + g.attribute());
                }
            }
        }
        return query;
    }

    /** The root's alias in the batch hints (EclipseLink reads the path after it). */
    private static final String BATCH_ALIAS = "rec";

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
            Path<?> path = f.type() == FieldType.MANY2ONE ? root.get(f.attribute()).get("id") : root.get(f.attribute());
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
     * members left out.
     */
    private List<JsonObject> toJson(List<Object> rows, List<FieldInfo> fields, CallContext context, AccessPolicy policy) {
        Reach reach = scope.reach(context, policy);
        Map<String, Set<Long>> related = new LinkedHashMap<>();
        for (FieldInfo f : fields) {
            if (!f.relational()) {
                continue;
            }
            Set<Long> ids = related.computeIfAbsent(f.relation(), k -> new LinkedHashSet<>());
            for (Object row : rows) {
                Object raw = Values.get(row, f.attribute());
                if (raw instanceof Collection<?> members) {
                    members.forEach(e -> ids.add(RecordScope.idOf(e)));
                } else if (raw != null) {
                    ids.add(RecordScope.idOf(raw));
                }
            }
        }
        Map<String, Set<Long>> visible = new LinkedHashMap<>();
        related.forEach((model, ids) -> visible.put(model, reach.visible(registry.require(model), ids)));
        List<JsonObject> out = new ArrayList<>();
        for (Object entity : rows) {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", RecordScope.idOf(entity));
            for (FieldInfo f : fields) {
                if (f.name().equals("id")) {
                    continue;
                }
                Object raw = f.relational() ? Values.get(entity, f.attribute()) : null;
                if (f.type() == FieldType.MANY2ONE && raw != null) {
                    ModelInfo target = registry.require(f.relation());
                    long id = RecordScope.idOf(raw);
                    b.add(f.name(), visible.get(f.relation()).contains(id) && reach.namesVisible(target)
                            ? Jsons.createArrayBuilder().add(id).add(Values.displayName(raw, target)).build()
                            : Jsons.createArrayBuilder().add(id).addNull().build());
                } else if (f.toMany() && raw != null) {
                    Set<Long> shown = visible.get(f.relation());
                    JsonArrayBuilder ids = Jsons.createArrayBuilder();
                    ((Collection<?>) raw).stream().map(RecordScope::idOf).filter(shown::contains).sorted().forEach(ids::add);
                    b.add(f.name(), ids);
                } else {
                    b.add(f.name(), Values.read(entity, f, registry, context.tz()));
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
