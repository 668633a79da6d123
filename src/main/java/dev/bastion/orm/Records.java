package dev.bastion.orm;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Parameter;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
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
 * The record service: search, read and count on any model, with the caller's rights. Every
 * call asks the {@link AccessPolicy} about the model, each field it reads, filters or orders
 * on, and applies the policy's record rules; there is no other way to the data. Failures leave
 * it only as {@link OrmException}s ({@link EngineErrors}).
 */
@ApplicationScoped
@Transactional
@EngineBoundary
public class Records {

    @Inject
    EntityManager em;

    @Inject
    ModelRegistry registry;

    @Inject
    Instance<AccessPolicy> policies;

    @Inject
    SettingsService settings;

    @Inject
    MethodCalls methods;

    @Inject
    RecordChanges changes;

    private AccessPolicy policy() {
        return policies.isResolvable() ? policies.get() : new AccessPolicy.DenyAll();
    }

    /** Whether the caller's rights and the MCP overrides let {@code operation} on {@code model} through at all. */
    public boolean allowed(CallContext context, String model, Operation operation) {
        return policy().mayDo(context, registry.require(model), operation);
    }

    /** Whether the caller may use {@code field} of {@code model} for {@code operation}. */
    public boolean fieldAllowed(CallContext context, String model, String field, Operation operation) {
        return policy().mayUse(context, registry.require(model), field, operation);
    }

    /** The public business methods of {@code model} the caller may call (blocked ones left out). */
    public List<MethodCalls.Callable> callableMethods(CallContext context, String model) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        return methods.of(model).stream().filter(c -> {
            try {
                policy.checkMethod(context, m, c.name());
                return policy.mayDo(context, m, c.info().readOnly() ? Operation.READ : Operation.WRITE);
            } catch (AccessDenied e) {
                return false;
            }
        }).toList();
    }

    /**
     * One page of a search.
     *
     * @param records the records, each with {@code id} and the fields asked for
     * @param total   how many records match in all: counted when asked for, else known only when
     *                this page reaches the last match, and null otherwise
     * @param offset  where this page starts
     * @param limit   the page size applied (capped by the max-records setting)
     * @param more    whether records match beyond this page
     */
    public record Page(JsonArray records, Long total, int offset, int limit, boolean more) {
    }

    /**
     * Searches {@code model} with an Odoo domain.
     *
     * @param fields technical field names, or empty for the default set (no binaries, long texts or x2many)
     * @param limit  page size; null or larger than the max-records setting means that setting
     * @param order  Odoo order ({@code "name asc, id desc"}), or null for the model's default
     */
    public Page search(CallContext context, String model, JsonArray domain, List<String> fields, int offset,
                       Integer limit, String order) {
        return search(context, model, domain, fields, offset, limit, order, true);
    }

    /**
     * Searches as {@link #search(CallContext, String, JsonArray, List, int, Integer, String)}, counting
     * every match only when {@code countAll}: otherwise the page reads one record more than it
     * returns to tell whether another page follows. Counting 100,000 matches costs a hundred times
     * what reading a page of them does, on any database.
     */
    public Page search(CallContext context, String model, JsonArray domain, List<String> fields, int offset,
                       Integer limit, String order, boolean countAll) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.READ);
        List<FieldInfo> selected = fields(context, m, fields, policy);
        int max = (int) Math.max(1, settings.getCount(SettingKey.MAX_RECORDS));
        int size = limit == null || limit <= 0 || limit > max ? max : limit;
        if (offset < 0) {
            throw new InvalidRequest("offset must be 0 or more");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();

        boolean repeats = mayRepeat(context, m, domain, policy);
        Long total = null;
        if (countAll) {
            CriteriaQuery<Long> count = cb.createQuery(Long.class);
            Root<?> countRoot = count.from(m.entity());
            Filter countFilter = where(context, m, domain, count, countRoot, policy);
            count.select(repeats ? cb.countDistinct(countRoot) : cb.count(countRoot)).where(countFilter.predicate());
            total = countFilter.bind(em.createQuery(count)).getSingleResult();
        }

        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(m.entity());
        Filter filter = where(context, m, domain, query, root, policy);
        query.select(root).distinct(repeats).where(filter.predicate()).orderBy(order(context, m,
                pinnedFirst(m, domain, order == null || order.isBlank() ? m.order() : order), root, policy));
        List<Object> rows = batched(filter.bind(em.createQuery(query)), m).setFirstResult(offset)
                .setMaxResults(countAll ? size : size + 1).getResultList();
        boolean more = countAll ? offset + rows.size() < total : rows.size() > size;
        rows = rows.subList(0, Math.min(size, rows.size()));
        if (total == null && !more && (offset == 0 || !rows.isEmpty())) {
            total = (long) offset + rows.size();
        }
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        toJson(rows, selected, context, policy).forEach(records::add);
        return new Page(records.build(), total, offset, size, more);
    }

    /**
     * The order with the fields the domain pins to one value ({@code state = sale} at its top
     * level) put first. Ordering by a field every match holds the same value of changes no
     * result, but it lets H2 serve the order from an index that starts with that field
     * ({@code (state, date_order desc, id desc)}) and stop after one page: H2 only uses an index
     * for ORDER BY when the index starts with the ordered columns, and otherwise sorts every
     * match. PostgreSQL drops such terms itself.
     */
    private static String pinnedFirst(ModelInfo m, JsonArray domain, String order) {
        Set<String> named = new LinkedHashSet<>();
        for (String term : order.split(",")) {
            named.add(term.trim().split("\\s+")[0]);
        }
        List<String> pinned = new ArrayList<>();
        List<Domain> conjuncts = new ArrayList<>(List.of(Domain.parse(domain)));
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
    private boolean mayRepeat(CallContext context, ModelInfo m, JsonArray domain, AccessPolicy policy) {
        for (Domain.Leaf leaf : Domain.leaves(Domain.parse(domain))) {
            Optional<FieldInfo> f = m.field(leaf.path());
            if (leaf.path().contains(".") || f.isEmpty() || f.get().toMany()
                    || (f.get().type() == FieldType.MANY2ONE && leaf.value().getValueType() == JsonValue.ValueType.STRING)) {
                return true;
            }
        }
        for (JsonArray rule : policy.ruleDomains(context, m, Operation.READ)) {
            for (Domain.Leaf leaf : Domain.leaves(Domain.parse(rule))) {
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

    /** How many records of {@code model} match {@code domain}. */
    public long count(CallContext context, String model, JsonArray domain) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.READ);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<?> root = count.from(m.entity());
        Filter filter = where(context, m, domain, count, root, policy);
        // COUNT(DISTINCT id) only where a record may come back on several rows: it makes the database sort every match.
        count.select(mayRepeat(context, m, domain, policy) ? cb.countDistinct(root) : cb.count(root)).where(filter.predicate());
        return filter.bind(em.createQuery(count)).getSingleResult();
    }

    /**
     * Reads records by id; ids that do not exist or that the caller may not see are listed
     * under {@code missing} (the two are not told apart, so nothing leaks).
     */
    public JsonObject read(CallContext context, String model, List<Long> ids, List<String> fields) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.READ);
        List<FieldInfo> selected = fields(context, m, fields, policy);
        if (ids.size() > Domain.MAX_VALUES) {
            throw new InvalidRequest("At most " + Domain.MAX_VALUES + " ids per read");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object> query = cb.createQuery();
        Root<?> root = query.from(m.entity());
        JsonArray idDomain = Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("id").add("in")
                .add(Jsons.createArrayBuilder(ids))).build();
        Filter filter = where(context.withActiveTest(false), m, idDomain, query, root, policy);
        query.select(root).where(filter.predicate()).orderBy(cb.asc(root.get("id")));
        List<Object> rows = ids.isEmpty() ? List.of() : batched(filter.bind(em.createQuery(query)), m).getResultList();
        JsonArrayBuilder records = Jsons.createArrayBuilder();
        Set<Long> found = new LinkedHashSet<>();
        toJson(rows, selected, context, policy).forEach(records::add);
        rows.forEach(row -> found.add(idOf(row)));
        JsonArrayBuilder missing = Jsons.createArrayBuilder();
        ids.stream().distinct().filter(id -> !found.contains(id)).forEach(missing::add);
        return Jsons.createObjectBuilder().add("records", records).add("missing", missing).build();
    }

    /**
     * Creates one record per value map, all or none.
     *
     * @return the new ids, in order
     * @throws InvalidRequest naming a missing required field, a read-only one or a bad value
     */
    public List<Long> create(CallContext context, String model, List<JsonObject> values) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.CREATE);
        if (values.size() > Domain.MAX_VALUES) {
            throw new InvalidRequest("At most " + Domain.MAX_VALUES + " records per create; got " + values.size());
        }
        List<Object> created = new ArrayList<>();
        Work children = new Work();
        for (JsonObject given : values) {
            Object entity = instantiate(m);
            List<Deferred> later = assign(context, m, entity, withDefaults(context, m, given, policy), policy);
            requireFields(m, entity);
            em.persist(entity);
            apply(context, m, entity, later, policy, children);
            created.add(entity);
        }
        em.flush();
        List<Long> ids = created.stream().map(Records::idOf).toList();
        checkRules(context, m, ids, policy, Operation.CREATE);
        checkCreated(context, children.created, policy);
        children.removed.forEach(this::requireGone);
        return ids;
    }

    /**
     * Writes the same values to every record of {@code ids}, all or none. Records changed by
     * someone else meanwhile are refused ({@link ConcurrentUpdate}), never overwritten.
     */
    public void write(CallContext context, String model, List<Long> ids, JsonObject values) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.WRITE);
        checkRules(context, m, ids, policy, Operation.WRITE);
        Work children = new Work();
        try {
            for (Long id : ids) {
                Object entity = em.find(m.entity(), id);
                apply(context, m, entity, assign(context, m, entity, values, policy), policy, children);
            }
            // The UPDATE carries the version each record was read at: a record someone else
            // changed meanwhile fails here instead of being overwritten.
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw concurrent(m);
        }
        // A write may not move records out of the caller's rules (to another company or salesperson).
        checkRules(context, m, ids, policy, Operation.WRITE);
        checkCreated(context, children.created, policy);
        children.removed.forEach(this::requireGone);
        ids.forEach(id -> changes.note(m.name(), id, RecordChanged.Kind.UPDATED));
    }

    /**
     * Deletes records, all or none; refused with the referring model and field named when
     * other records still point at them.
     */
    public void unlink(CallContext context, String model, List<Long> ids) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.UNLINK);
        checkRules(context, m, ids, policy, Operation.UNLINK);
        for (ModelInfo other : registry.all().values()) {
            for (FieldInfo f : other.fields().values()) {
                if (f.type() == FieldType.MANY2ONE && m.name().equals(f.relation()) && referenced(other, f, ids)) {
                    throw new InvalidRequest("Cannot delete: records of " + other.name() + " still refer to them through '"
                            + f.name() + "'; change or delete those first");
                }
            }
        }
        try {
            for (Long id : new LinkedHashSet<>(ids)) {
                Object entity = em.find(m.entity(), id);
                leaveOwners(m, entity);
                em.remove(entity);
            }
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw concurrent(m);
        }
        requireGone(m, ids);
    }

    /**
     * Takes a record out of the one2many collections of the records it belongs to (a line out
     * of its order's {@code order_line}). Left there, a collection that cascades persist
     * re-persists the removed record at flush, and the delete silently does nothing.
     */
    @SuppressWarnings("unchecked")
    private void leaveOwners(ModelInfo m, Object entity) {
        for (ModelInfo owner : registry.all().values()) {
            for (FieldInfo f : owner.fields().values()) {
                if (f.type() != FieldType.ONE2MANY || !m.name().equals(f.relation())) {
                    continue;
                }
                Inverse inverse = Inverse.of(owner, f, m);
                Object parent = Values.get(entity, inverse.attribute());
                if (parent != null && owner.entity().isInstance(parent)) {
                    ((Collection<Object>) Values.get(parent, f.attribute())).remove(entity);
                }
            }
        }
    }

    /**
     * The check that a delete happened: after the flush, no row of {@code ids} may be left.
     * Whatever kept one (a cascade, a business method, the persistence context), the call fails
     * and rolls back instead of reporting a delete it did not do.
     */
    private void requireGone(ModelInfo m, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<?> r = q.from(m.entity());
        ParameterExpression<List> targets = cb.parameter(List.class);
        q.select(cb.count(r)).where(r.get("id").in(targets));
        long left = DomainQuery.hinted(em.createQuery(q).setParameter(targets, new ArrayList<>(ids)), timeout())
                .getSingleResult();
        if (left > 0) {
            throw new IllegalStateException("Deleting " + ids + " of " + m.name() + " left " + left
                    + " of them in the database");
        }
    }

    private boolean referenced(ModelInfo other, FieldInfo field, List<Long> ids) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<?> r = q.from(other.entity());
        ParameterExpression<List> targets = cb.parameter(List.class);
        q.select(cb.count(r)).where(r.get(field.attribute()).get("id").in(targets));
        return DomainQuery.hinted(em.createQuery(q).setParameter(targets, ids), timeout()).getSingleResult() > 0;
    }

    /** Every id must exist and be within the caller's record rules for {@code operation}. */
    private void checkRules(CallContext context, ModelInfo m, List<Long> ids, AccessPolicy policy, Operation operation) {
        if (ids.isEmpty()) {
            throw new InvalidRequest("No record ids given");
        }
        if (ids.size() > Domain.MAX_VALUES) {
            throw new InvalidRequest("At most " + Domain.MAX_VALUES + " ids per call; got " + ids.size());
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<?> root = q.from(m.entity());
        DomainQuery rules = new DomainQuery(em, registry, context, q, DomainQuery.NO_CHECK, DomainQuery.NO_RULES, timeout());
        List<Predicate> all = new ArrayList<>();
        all.add(root.get("id").in(rules.bind(new ArrayList<>(new LinkedHashSet<>(ids)))));
        for (JsonArray rule : policy.ruleDomains(context, m, operation)) {
            all.add(rules.predicate(Domain.parse(rule), root, m));
        }
        // Distinct: a rule through an x2many (company_ids in ...) joins one row per match.
        q.select(cb.countDistinct(root)).where(all.toArray(Predicate[]::new));
        Filter filter = new Filter(null, rules.parameters(), timeout());
        long visible = filter.bind(em.createQuery(q)).getSingleResult();
        if (visible != new LinkedHashSet<>(ids).size()) {
            throw new AccessDenied(operation.name().toLowerCase(Locale.ROOT) + " on " + m.name()
                    + ": some of these records do not exist or are outside your access rules");
        }
    }

    /** What x2many commands did besides the owner: records created (for the rule check) and deleted (for the check that they are gone). */
    private static final class Work {
        final Map<ModelInfo, List<Object>> created = new LinkedHashMap<>();
        final Map<ModelInfo, Set<Long>> removed = new LinkedHashMap<>();

        void removed(ModelInfo model, long id) {
            removed.computeIfAbsent(model, k -> new LinkedHashSet<>()).add(id);
        }
    }

    /** An x2many value, applied once its owner is persisted: new lines need their order. */
    private record Deferred(FieldInfo field, JsonValue value) {
    }

    /** Assigns the plain fields of {@code values}; returns the x2many ones, for {@link #apply}. */
    private List<Deferred> assign(CallContext context, ModelInfo m, Object entity, JsonObject values, AccessPolicy policy) {
        List<Deferred> later = new ArrayList<>();
        for (var entry : values.entrySet()) {
            FieldInfo f = m.requireField(entry.getKey());
            policy.checkField(context, m, f.name(), Operation.WRITE);
            if (f.readonly()) {
                throw new InvalidRequest("Field '" + f.name() + "' of " + m.name() + " is read-only");
            }
            if (f.toMany()) {
                if (Inverse.notOwning(m, f)) {
                    throw new InvalidRequest("Field '" + f.name() + "' of " + m.name() + " is the other side of a many2many "
                            + "and cannot be written here; write the matching field of " + f.relation() + " instead");
                }
                later.add(new Deferred(f, entry.getValue()));
                continue;
            }
            Object value = Values.write(entry.getValue(), f, context.tz(), id -> reference(context, f, id));
            if (value == null && f.required()) {
                throw new InvalidRequest("Field '" + f.name() + "' of " + m.name() + " is required");
            }
            Values.set(entity, f.attribute(), value);
        }
        return later;
    }

    /**
     * Required fields the caller leaves out start from default_get (their company, today...),
     * as Odoo's create does; optional ones keep the model's own initial value.
     */
    private JsonObject withDefaults(CallContext context, ModelInfo m, JsonObject given, AccessPolicy policy) {
        JsonObjectBuilder v = Jsons.createObjectBuilder();
        defaults(context, m, List.of()).forEach((name, value) -> {
            if (!given.containsKey(name) && m.requireField(name).required()
                    && policy.mayUse(context, m, name, Operation.WRITE)) {
                v.add(name, value);
            }
        });
        given.forEach(v::add);
        return v.build();
    }

    private static void requireFields(ModelInfo m, Object entity) {
        for (FieldInfo f : m.fields().values()) {
            if (f.required() && !f.readonly() && Values.get(entity, f.attribute()) == null) {
                throw new InvalidRequest("Field '" + f.name() + "' of " + m.name() + " is required");
            }
        }
    }

    /**
     * Carries out x2many commands on {@code owner}, each with the caller's rights on the
     * related model: creating a line needs create access to lines, linking needs to see the
     * record, deleting needs delete access. Records created here are collected in
     * {@code created}, for the rule check after the flush.
     */
    @SuppressWarnings("unchecked")
    private void apply(CallContext context, ModelInfo m, Object owner, List<Deferred> later, AccessPolicy policy,
                       Work created) {
        for (Deferred d : later) {
            FieldInfo f = d.field();
            ModelInfo target = registry.require(f.relation());
            Inverse inverse = Inverse.of(m, f, target);
            Collection<Object> items = (Collection<Object>) Values.get(owner, f.attribute());
            for (X2ManyCommand c : X2ManyCommand.parse(f.name(), d.value())) {
                switch (c.kind()) {
                    case CREATE -> {
                        policy.checkModel(context, target, Operation.CREATE);
                        Object child = instantiate(target);
                        List<Deferred> nested = assign(context, target, child, withDefaults(context, target, c.values(), policy),
                                policy);
                        if (inverse != null) {
                            Values.set(child, inverse.attribute(), owner);
                        }
                        requireFields(target, child);
                        em.persist(child);
                        if (!items.contains(child)) {
                            items.add(child);
                        }
                        apply(context, target, child, nested, policy, created);
                        created.created.computeIfAbsent(target, t -> new ArrayList<>()).add(child);
                    }
                    case UPDATE -> {
                        Object child = member(m, f, target, items, c.id());
                        policy.checkModel(context, target, Operation.WRITE);
                        checkRules(context, target, List.of(c.id()), policy, Operation.WRITE);
                        apply(context, target, child, assign(context, target, child, c.values(), policy), policy, created);
                    }
                    case DELETE -> {
                        Object child = member(m, f, target, items, c.id());
                        policy.checkModel(context, target, Operation.UNLINK);
                        checkRules(context, target, List.of(c.id()), policy, Operation.UNLINK);
                        items.remove(child);
                        em.remove(child);
                        created.removed(target, c.id());
                    }
                    case UNLINK -> detach(context, target, f, inverse, items, member(m, f, target, items, c.id()), policy, created);
                    case LINK -> link(context, owner, target, f, inverse, items, c.id(), policy);
                    case CLEAR -> List.copyOf(items).forEach(child -> detach(context, target, f, inverse, items, child, policy, created));
                    case SET -> {
                        Set<Long> wanted = new LinkedHashSet<>(c.ids());
                        for (Object child : List.copyOf(items)) {
                            if (!wanted.remove(idOf(child))) {
                                detach(context, target, f, inverse, items, child, policy, created);
                            }
                        }
                        wanted.forEach(id -> link(context, owner, target, f, inverse, items, id, policy));
                    }
                }
            }
        }
    }

    private static Object member(ModelInfo m, FieldInfo f, ModelInfo target, Collection<Object> items, long id) {
        return items.stream().filter(i -> idOf(i) == id).findFirst().orElseThrow(() -> new InvalidRequest(
                "Record " + id + " of " + target.name() + " is not in '" + f.name() + "' of this " + m.name()));
    }

    /** Takes {@code child} out of the relation: a one2many line whose owner is required is deleted with it. */
    private void detach(CallContext context, ModelInfo target, FieldInfo f, Inverse inverse, Collection<Object> items,
                        Object child, AccessPolicy policy, Work work) {
        long id = idOf(child);
        if (inverse != null && (inverse.orphanRemoval() || inverse.required())) {
            if (!inverse.orphanRemoval()) {
                throw new InvalidRequest("Records of " + target.name() + " cannot leave '" + f.name()
                        + "': their '" + inverse.field() + "' is required; delete them with [2, id] instead");
            }
            policy.checkModel(context, target, Operation.UNLINK);
            checkRules(context, target, List.of(id), policy, Operation.UNLINK);
            items.remove(child);
            em.remove(child);
            work.removed(target, id);
        } else if (inverse != null) {
            policy.checkModel(context, target, Operation.WRITE);
            checkRules(context, target, List.of(id), policy, Operation.WRITE);
            items.remove(child);
            Values.set(child, inverse.attribute(), null);
        } else {
            items.remove(child);
        }
    }

    /** Adds an existing record, which the caller must see (and, for a one2many, may move). */
    private void link(CallContext context, Object owner, ModelInfo target, FieldInfo f, Inverse inverse,
                      Collection<Object> items, long id, AccessPolicy policy) {
        Object child = reference(context, f, id);
        if (items.contains(child)) {
            return;
        }
        if (inverse != null) {
            policy.checkModel(context, target, Operation.WRITE);
            checkRules(context, target, List.of(id), policy, Operation.WRITE);
            Values.set(child, inverse.attribute(), owner);
        }
        items.add(child);
    }

    private void checkCreated(CallContext context, Map<ModelInfo, List<Object>> created, AccessPolicy policy) {
        created.forEach((model, entities) -> checkRules(context, model, entities.stream().map(Records::idOf).toList(),
                policy, Operation.CREATE));
    }

    private static long idOf(Object entity) {
        return ((Number) Values.get(entity, "id")).longValue();
    }

    /** The record a many2one points at: it must exist and be readable by the caller. */
    private Object reference(CallContext context, FieldInfo field, long id) {
        ModelInfo target = registry.require(field.relation());
        AccessPolicy policy = policy();
        policy.checkModel(context, target, Operation.READ);
        checkRules(context, target, List.of(id), policy, Operation.READ);
        return em.find(target.entity(), id);
    }

    private static Object instantiate(ModelInfo m) {
        try {
            var constructor = m.entity().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(m.entity() + " needs a no-argument constructor", e);
        }
    }

    private static ConcurrentUpdate concurrent(ModelInfo m) {
        return new ConcurrentUpdate("A record of " + m.name() + " was changed by someone else meanwhile; "
                + "nothing was written: read it again and retry");
    }

    /**
     * Calls a public business method on records, in this transaction: all or nothing. Needs
     * write access to the records, or read access for methods marked read-only.
     */
    public JsonValue call(CallContext context, String model, String method, List<Long> ids, JsonArray args,
                          JsonObject kwargs) {
        ModelInfo m = registry.require(model);
        MethodCalls.Callable callable = methods.require(m, method);
        AccessPolicy policy = policy();
        Operation operation = callable.info().readOnly() ? Operation.READ : Operation.WRITE;
        policy.checkModel(context, m, operation);
        policy.checkMethod(context, m, method);
        if (callable.info().modelLevel()) {
            if (!ids.isEmpty()) {
                throw new InvalidRequest(method + " works on " + model + " as a whole: call it with no ids");
            }
        } else {
            checkRules(context, m, ids, policy, operation);
        }
        List<Object> targets = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(ids)) {
            targets.add(em.find(m.entity(), id));
        }
        JsonValue result = methods.invoke(callable, targets, args, kwargs, context.tz());
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw concurrent(m);
        }
        return result;
    }

    /** {@code name_search}: records whose display name contains {@code text}, as {@code [id, name]} pairs. */
    public JsonArray nameSearch(CallContext context, String model, String text, JsonArray domain, Integer limit) {
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
     * {@code default_get}: the values a new record would start with: the entity's own initial
     * values, the caller's company for a company field, today in the caller's zone for a date
     * field named {@code date*}.
     */
    public JsonObject defaultGet(CallContext context, String model, List<String> fields) {
        ModelInfo m = registry.require(model);
        policy().checkModel(context, m, Operation.CREATE);
        return defaults(context, m, fields);
    }

    private JsonObject defaults(CallContext context, ModelInfo m, List<String> fields) {
        Object blank = instantiate(m);
        JsonObjectBuilder defaults = Jsons.createObjectBuilder();
        List<FieldInfo> wanted = fields == null || fields.isEmpty() ? List.copyOf(m.fields().values())
                : fields.stream().map(m::requireField).toList();
        for (FieldInfo f : wanted) {
            if (f.name().equals("id") || f.readonly()) {
                continue;
            }
            if (f.type() == FieldType.MANY2ONE && "res.company".equals(f.relation())) {
                defaults.add(f.name(), context.companyId());
            } else if (f.type() == FieldType.DATE && f.name().startsWith("date") && Values.get(blank, f.attribute()) == null) {
                defaults.add(f.name(), java.time.LocalDate.now(context.tz()).toString());
            } else if (Values.get(blank, f.attribute()) != null && !f.toMany()) {
                JsonValue v = Values.read(blank, f, registry, context.tz());
                defaults.add(f.name(), f.type() == FieldType.MANY2ONE ? v.asJsonArray().get(0) : v);
            } else if (f.type() == FieldType.SELECTION && !f.selectionValues().isEmpty()) {
                defaults.add(f.name(), f.selectionValues().get(0));
            }
        }
        return defaults.build();
    }

    /**
     * {@code read_group}: records matching {@code domain} grouped by {@code groupBy} (fields, and
     * dates by {@code day|week|month|quarter|year}, default month, in the caller's zone) with
     * {@code __count} and the {@code aggregates} ({@code field[:sum|avg|min|max|count]}). The
     * database groups and aggregates; date buckets are merged here.
     */
    public JsonArray readGroup(CallContext context, String model, JsonArray domain, List<String> aggregates,
                               List<String> groupBy, String orderBy, int offset, Integer limit) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = policy();
        policy.checkModel(context, m, Operation.READ);
        if (groupBy == null || groupBy.isEmpty()) {
            throw new InvalidRequest("read_group needs at least one field to group by");
        }
        List<Grouping.GroupBy> groups = groupBy.stream().map(g -> Grouping.groupBy(m, g)).toList();
        List<Grouping.Aggregate> sums = aggregates == null ? List.of()
                : aggregates.stream().map(a -> Grouping.aggregate(m, a)).toList();
        groups.forEach(g -> policy.checkField(context, m, g.field().name(), Operation.READ));
        sums.forEach(a -> policy.checkField(context, m, a.field().name(), Operation.READ));

        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
        Root<?> root = query.from(m.entity());
        Filter filter = where(context, m, domain, query, root, policy);
        List<jakarta.persistence.criteria.Selection<?>> select = new ArrayList<>();
        List<jakarta.persistence.criteria.Expression<?>> grouped = new ArrayList<>();
        for (Grouping.GroupBy g : groups) {
            jakarta.persistence.criteria.Expression<?> key = g.field().type() == FieldType.MANY2ONE
                    ? root.join(g.field().attribute(), jakarta.persistence.criteria.JoinType.LEFT).get("id")
                    : root.get(g.field().attribute());
            select.add(key);
            grouped.add(key);
        }
        select.add(cb.count(root));
        for (Grouping.Aggregate a : sums) {
            if (a.numeric()) {
                Path<Number> path = root.get(a.field().attribute());
                select.add(cb.sum(path));
                select.add(cb.count(path));
                select.add(cb.min(path));
                select.add(cb.max(path));
            } else {
                // Counting a many2one counts the records that have one: through a LEFT join, or the groups would shrink.
                select.add(cb.count(a.field().type() == FieldType.MANY2ONE
                        ? root.join(a.field().attribute(), jakarta.persistence.criteria.JoinType.LEFT).get("id")
                        : root.get(a.field().attribute())));
            }
        }
        query.multiselect(select).where(filter.predicate()).groupBy(grouped);
        List<Object[]> rows = filter.bind(em.createQuery(query)).getResultList();

        Map<String, Grouping.Bucket> buckets = new LinkedHashMap<>();
        List<Map<Long, String>> names = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            names.add(groupNames(groups.get(i), rows, i, context, policy));
        }
        for (Object[] row : rows) {
            List<JsonValue> keys = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                keys.add(groupKey(groups.get(i), row[i], context, names.get(i)));
            }
            Grouping.Bucket bucket = buckets.computeIfAbsent(keys.toString(), k -> {
                Grouping.Bucket b = new Grouping.Bucket();
                for (int i = 0; i < groups.size(); i++) {
                    b.keys.put(groups.get(i).key(), keys.get(i));
                }
                return b;
            });
            int at = groups.size();
            bucket.count += ((Number) row[at++]).longValue();
            for (Grouping.Aggregate a : sums) {
                if (a.numeric()) {
                    bucket.add(a, (Number) row[at], (Number) row[at + 1], (Number) row[at + 2], (Number) row[at + 3]);
                    at += 4;
                } else {
                    bucket.add(a, null, (Number) row[at++], null, null);
                }
            }
        }
        List<JsonObject> merged = buckets.values().stream().map(b -> b.toJson(sums)).toList();
        List<String> orderable = new ArrayList<>(groups.stream().map(Grouping.GroupBy::key).toList());
        orderable.add("__count");
        sums.forEach(a -> orderable.add(a.key()));
        int max = (int) Math.max(1, settings.getCount(SettingKey.MAX_RECORDS));
        return Grouping.order(merged, orderBy, orderable, Math.max(0, offset),
                limit == null || limit <= 0 || limit > max ? max : limit);
    }

    /** The display names of the many2one targets of group {@code at}, those the caller may read. */
    private Map<Long, String> groupNames(Grouping.GroupBy g, List<Object[]> rows, int at, CallContext context,
                                         AccessPolicy policy) {
        if (g.field().type() != FieldType.MANY2ONE) {
            return Map.of();
        }
        ModelInfo target = registry.require(g.field().relation());
        Set<Long> ids = new LinkedHashSet<>();
        rows.stream().map(r -> r[at]).filter(v -> v != null).forEach(v -> ids.add(((Number) v).longValue()));
        Map<Long, String> names = new LinkedHashMap<>();
        Reach reach = reach(context, policy);
        if (!reach.namesVisible(target)) {
            return names;
        }
        for (Long id : reach.visible(target, ids)) {
            names.put(id, Values.displayName(em.find(target.entity(), id), target));
        }
        return names;
    }

    private JsonValue groupKey(Grouping.GroupBy g, Object value, CallContext context, Map<Long, String> names) {
        if (value == null) {
            return JsonValue.FALSE;
        }
        if (g.granularity() != null) {
            return Jsons.createValue(Grouping.bucket(value, g.granularity(), context.tz()));
        }
        if (g.field().type() == FieldType.MANY2ONE) {
            long id = ((Number) value).longValue();
            String name = names.get(id);
            return name == null ? Jsons.createArrayBuilder().add(id).addNull().build()
                    : Jsons.createArrayBuilder().add(id).add(name).build();
        }
        if (value instanceof Number n) {
            return n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal
                    ? Jsons.createValue(n.doubleValue()) : Jsons.createValue(n.longValue());
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        return Jsons.createValue(value.toString());
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

    /** A WHERE clause and the values of its bound parameters. */
    private record Filter(Predicate predicate, Map<ParameterExpression<?>, Object> parameters, int timeoutMillis) {
        /**
         * Binds the values of the parameters the query kept. A provider may drop a condition
         * it can decide alone (and its parameters with it); binding those would fail the query.
         */
        <T extends Query> T bind(T query) {
            Set<Parameter<?>> present = query.getParameters();
            parameters.forEach((p, v) -> {
                if (present.contains(p)) {
                    DomainQuery.setParameter(query, p, v);
                }
            });
            return DomainQuery.hinted(query, timeoutMillis);
        }
    }

    /** The query timeout setting in milliseconds, 0 for none. */
    private int timeout() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, settings.getDuration(SettingKey.QUERY_TIMEOUT).toMillis()));
    }

    private Reach reach(CallContext context, AccessPolicy policy) {
        return new Reach(em, registry, context, policy, timeout());
    }

    private Filter where(CallContext context, ModelInfo m, JsonArray domain, CommonAbstractCriteria query, Root<?> root,
                         AccessPolicy policy) {
        Domain parsed = Domain.parse(domain);
        int timeout = timeout();
        DomainQuery callers = new DomainQuery(em, registry, context, query, (model, field) -> {
            if (model != m) {
                policy.checkModel(context, model, Operation.READ);
            }
            policy.checkField(context, model, field, Operation.READ);
        }, model -> policy.ruleDomains(context, model, Operation.READ), timeout);
        List<Predicate> all = new ArrayList<>();
        all.add(callers.predicate(parsed, root, m));
        all.addAll(callers.followedRecordsWithin());
        DomainQuery rules = new DomainQuery(em, registry, context, query, DomainQuery.NO_CHECK, DomainQuery.NO_RULES, timeout);
        for (JsonArray rule : policy.ruleDomains(context, m, Operation.READ)) {
            all.add(rules.predicate(Domain.parse(rule), root, m));
        }
        boolean mentionsActive = Domain.leaves(parsed).stream().anyMatch(l -> l.path().equals("active"));
        if (context.activeTest() && !mentionsActive && m.field("active").filter(f -> f.type() == FieldType.BOOLEAN).isPresent()) {
            // A bound TRUE, not isTrue(): EclipseLink renders isTrue as "= 1", which H2 2 refuses for booleans.
            all.add(em.getCriteriaBuilder().equal(root.get(m.field("active").get().attribute()), rules.bind(Boolean.TRUE)));
        }
        Map<ParameterExpression<?>, Object> parameters = new LinkedHashMap<>(callers.parameters());
        parameters.putAll(rules.parameters());
        return new Filter(em.getCriteriaBuilder().and(all.toArray(Predicate[]::new)), parameters, timeout);
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
        Reach reach = reach(context, policy);
        Map<String, Set<Long>> related = new LinkedHashMap<>();
        for (FieldInfo f : fields) {
            if (!f.relational()) {
                continue;
            }
            Set<Long> ids = related.computeIfAbsent(f.relation(), k -> new LinkedHashSet<>());
            for (Object row : rows) {
                Object raw = Values.get(row, f.attribute());
                if (raw instanceof Collection<?> members) {
                    members.forEach(e -> ids.add(idOf(e)));
                } else if (raw != null) {
                    ids.add(idOf(raw));
                }
            }
        }
        Map<String, Set<Long>> visible = new LinkedHashMap<>();
        related.forEach((model, ids) -> visible.put(model, reach.visible(registry.require(model), ids)));
        List<JsonObject> out = new ArrayList<>();
        for (Object entity : rows) {
            JsonObjectBuilder b = Jsons.createObjectBuilder().add("id", idOf(entity));
            for (FieldInfo f : fields) {
                if (f.name().equals("id")) {
                    continue;
                }
                Object raw = f.relational() ? Values.get(entity, f.attribute()) : null;
                if (f.type() == FieldType.MANY2ONE && raw != null) {
                    ModelInfo target = registry.require(f.relation());
                    long id = idOf(raw);
                    b.add(f.name(), visible.get(f.relation()).contains(id) && reach.namesVisible(target)
                            ? Jsons.createArrayBuilder().add(id).add(Values.displayName(raw, target)).build()
                            : Jsons.createArrayBuilder().add(id).addNull().build());
                } else if (f.toMany() && raw != null) {
                    Set<Long> shown = visible.get(f.relation());
                    JsonArrayBuilder ids = Jsons.createArrayBuilder();
                    ((Collection<?>) raw).stream().map(Records::idOf).filter(shown::contains).sorted().forEach(ids::add);
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
