package dev.bastion.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changing for {@link Records}: create, write, unlink (x2many commands included) and business
 * method calls, each checked against the rights and record rules before and after the flush, so
 * that nothing is reported done that was not done, and nothing leaves the caller's rules.
 */
@ApplicationScoped
class RecordWrites {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    ModelRegistry registry;

    @Inject
    RecordScope scope;

    @Inject
    RecordDefaults defaults;

    @Inject
    MethodCalls methods;

    @Inject
    RecordChanges changes;

    /** {@link Records#create}. */
    List<Long> create(CallContext context, String model, List<JsonObject> values) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.CREATE);
        if (values.size() > Domain.MAX_VALUES) {
            throw new InvalidRequest("At most " + Domain.MAX_VALUES + " records per create; got " + values.size());
        }
        List<Object> created = new ArrayList<>();
        Work children = new Work();
        for (JsonObject given : values) {
            Object entity = RecordScope.instantiate(m);
            List<Deferred> later = assign(context, m, entity, withDefaults(context, m, given, policy), policy);
            requireFields(m, entity);
            em.persist(entity);
            apply(context, m, entity, later, policy, children);
            created.add(entity);
        }
        em.flush();
        List<Long> ids = created.stream().map(RecordScope::idOf).toList();
        scope.checkRules(context, m, ids, policy, Operation.CREATE);
        checkCreated(context, children.created, policy);
        children.removed.forEach(this::requireGone);
        return ids;
    }

    /** {@link Records#write}. */
    void write(CallContext context, String model, List<Long> ids, JsonObject values) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.WRITE);
        scope.checkRules(context, m, ids, policy, Operation.WRITE);
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
            throw RecordScope.concurrent(m);
        }
        // A write may not move records out of the caller's rules (to another company or salesperson).
        scope.checkRules(context, m, ids, policy, Operation.WRITE);
        checkCreated(context, children.created, policy);
        children.removed.forEach(this::requireGone);
        ids.forEach(id -> changes.note(m.name(), id, RecordChanged.Kind.UPDATED));
    }

    /** {@link Records#unlink}. */
    void unlink(CallContext context, String model, List<Long> ids) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, m, Operation.UNLINK);
        scope.checkRules(context, m, ids, policy, Operation.UNLINK);
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
            throw RecordScope.concurrent(m);
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
        long left = DomainQuery.hinted(em.createQuery(q).setParameter(targets, new ArrayList<>(ids)), scope.timeout())
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
        return DomainQuery.hinted(em.createQuery(q).setParameter(targets, ids), scope.timeout()).getSingleResult() > 0;
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
        defaults.of(context, m, List.of()).forEach((name, value) -> {
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
                        Object child = RecordScope.instantiate(target);
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
                        scope.checkRules(context, target, List.of(c.id()), policy, Operation.WRITE);
                        apply(context, target, child, assign(context, target, child, c.values(), policy), policy, created);
                    }
                    case DELETE -> {
                        Object child = member(m, f, target, items, c.id());
                        policy.checkModel(context, target, Operation.UNLINK);
                        scope.checkRules(context, target, List.of(c.id()), policy, Operation.UNLINK);
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
                            if (!wanted.remove(RecordScope.idOf(child))) {
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
        return items.stream().filter(i -> RecordScope.idOf(i) == id).findFirst().orElseThrow(() -> new InvalidRequest(
                "Record " + id + " of " + target.name() + " is not in '" + f.name() + "' of this " + m.name()));
    }

    /** Takes {@code child} out of the relation: a one2many line whose owner is required is deleted with it. */
    private void detach(CallContext context, ModelInfo target, FieldInfo f, Inverse inverse, Collection<Object> items,
                        Object child, AccessPolicy policy, Work work) {
        long id = RecordScope.idOf(child);
        if (inverse != null && (inverse.orphanRemoval() || inverse.required())) {
            if (!inverse.orphanRemoval()) {
                throw new InvalidRequest("Records of " + target.name() + " cannot leave '" + f.name()
                        + "': their '" + inverse.field() + "' is required; delete them with [2, id] instead");
            }
            policy.checkModel(context, target, Operation.UNLINK);
            scope.checkRules(context, target, List.of(id), policy, Operation.UNLINK);
            items.remove(child);
            em.remove(child);
            work.removed(target, id);
        } else if (inverse != null) {
            policy.checkModel(context, target, Operation.WRITE);
            scope.checkRules(context, target, List.of(id), policy, Operation.WRITE);
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
            scope.checkRules(context, target, List.of(id), policy, Operation.WRITE);
            Values.set(child, inverse.attribute(), owner);
        }
        items.add(child);
    }

    private void checkCreated(CallContext context, Map<ModelInfo, List<Object>> created, AccessPolicy policy) {
        created.forEach((model, entities) -> scope.checkRules(context, model, entities.stream().map(RecordScope::idOf).toList(),
                policy, Operation.CREATE));
    }

    /** The record a many2one points at: it must exist and be readable by the caller. */
    private Object reference(CallContext context, FieldInfo field, long id) {
        ModelInfo target = registry.require(field.relation());
        AccessPolicy policy = scope.policy();
        policy.checkModel(context, target, Operation.READ);
        scope.checkRules(context, target, List.of(id), policy, Operation.READ);
        return em.find(target.entity(), id);
    }

    /** {@link Records#call}. */
    JsonValue call(CallContext context, String model, String method, List<Long> ids, JsonArray args,
                          JsonObject kwargs) {
        ModelInfo m = registry.require(model);
        MethodCalls.Callable callable = methods.require(m, method);
        AccessPolicy policy = scope.policy();
        Operation operation = callable.info().readOnly() ? Operation.READ : Operation.WRITE;
        policy.checkModel(context, m, operation);
        policy.checkMethod(context, m, method);
        if (callable.info().modelLevel()) {
            if (!ids.isEmpty()) {
                throw new InvalidRequest(method + " works on " + model + " as a whole: call it with no ids");
            }
        } else {
            scope.checkRules(context, m, ids, policy, operation);
        }
        List<Object> targets = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(ids)) {
            targets.add(em.find(m.entity(), id));
        }
        JsonValue result = methods.invoke(callable, targets, args, kwargs, context.tz());
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw RecordScope.concurrent(m);
        }
        return result;
    }

}
