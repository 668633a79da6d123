package dev.bastion.orm;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which related records the caller may see, for the values that point at them: a many2one to
 * a record the caller cannot read comes back as {@code [id, null]} (the id is the record's own
 * value; the name is the related record's), and x2many lists leave such records out. A related
 * record is readable when the caller may read its model and it matches their read rules; its
 * name is shown only when the display-name field is not restricted either. One query per
 * related model and page: the names with the check, or the check alone (none for a model
 * without rules).
 */
final class Reach {

    private final EntityManager em;
    private final ModelRegistry registry;
    private final CallContext context;
    private final AccessPolicy policy;
    private final int timeoutMillis;
    private final Map<String, Boolean> readable = new HashMap<>();

    Reach(EntityManager em, ModelRegistry registry, CallContext context, AccessPolicy policy, int timeoutMillis) {
        this.em = em;
        this.registry = registry;
        this.context = context;
        this.policy = policy;
        this.timeoutMillis = timeoutMillis;
    }

    /** Whether the caller may read records of {@code model} at all. */
    boolean modelVisible(ModelInfo model) {
        return readable.computeIfAbsent(model.name(), n -> policy.mayDo(context, model, Operation.READ));
    }

    /** Whether the display names of {@code model}'s records may be shown (model and name field readable). */
    boolean namesVisible(ModelInfo model) {
        return modelVisible(model) && policy.mayUse(context, model, model.recName(), Operation.READ);
    }

    /** The ids among {@code ids} of records of {@code model} the caller may read. */
    Set<Long> visible(ModelInfo model, Collection<Long> ids) {
        if (ids.isEmpty() || !modelVisible(model)) {
            return Set.of();
        }
        if (policy.ruleDomains(context, model, Operation.READ).isEmpty()) {
            return new LinkedHashSet<>(ids);
        }
        return within(model, ids, false).keySet();
    }

    /**
     * The display names of the records among {@code ids} the caller may read, by id (the ones
     * left out are hidden), read with the visibility check in one query; empty when the names
     * may not be shown ({@link #namesVisible}).
     */
    Map<Long, String> names(ModelInfo model, Collection<Long> ids) {
        if (ids.isEmpty() || !namesVisible(model)) {
            return Map.of();
        }
        return within(model, ids, true);
    }

    /** The records among {@code ids} within the caller's rules on {@code model}, with their names if asked. */
    private Map<Long, String> within(ModelInfo model, Collection<Long> ids, boolean withNames) {
        List<Domain> rules = policy.ruleDomains(context, model, Operation.READ);
        Optional<FieldInfo> name = model.field(model.recName()).filter(f -> !f.relational());
        Map<Long, String> found = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += Domain.MAX_VALUES) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + Domain.MAX_VALUES));
            CriteriaQuery<Object[]> q = em.getCriteriaBuilder().createQuery(Object[].class);
            Root<?> root = q.from(model.entity());
            DomainQuery conditions = new DomainQuery(em, registry, context, q, DomainQuery.NO_CHECK, DomainQuery.NO_RULES,
                    timeoutMillis);
            List<Predicate> where = new ArrayList<>();
            where.add(root.get("id").in(conditions.bind(new ArrayList<>(chunk))));
            for (Domain rule : rules) {
                where.add(conditions.predicate(rule, root, model));
            }
            List<Selection<?>> columns = new ArrayList<>(List.of(root.get("id")));
            if (withNames && name.isPresent()) {
                columns.add(root.get(name.get().attribute()));
            }
            // Distinct: a rule through an x2many (company_ids in ...) joins one row per match.
            q.multiselect(columns).distinct(true).where(where.toArray(Predicate[]::new));
            TypedQuery<Object[]> query = em.createQuery(q);
            conditions.parameters().forEach((p, v) -> DomainQuery.setParameter(query, p, v));
            for (Object result : DomainQuery.hinted(query, timeoutMillis).getResultList()) {
                Object[] row = result instanceof Object[] r ? r : new Object[] {result};
                long id = ((Number) row[0]).longValue();
                found.put(id, row.length > 1 && row[1] != null ? row[1].toString() : model.name() + "," + id);
            }
        }
        return found;
    }
}
