package dev.bastion.orm;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which related records the caller may see, for the values that point at them: a many2one to
 * a record the caller cannot read comes back as {@code [id, null]} (the id is the record's own
 * value; the name is the related record's), and x2many lists leave such records out. A related
 * record is readable when the caller may read its model and it matches their read rules; its
 * name is shown only when the display-name field is not restricted either. One query per
 * related model and page, none for a model without rules.
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
        List<Domain> rules = policy.ruleDomains(context, model, Operation.READ);
        if (rules.isEmpty()) {
            return new LinkedHashSet<>(ids);
        }
        Set<Long> visible = new LinkedHashSet<>();
        List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += Domain.MAX_VALUES) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + Domain.MAX_VALUES));
            CriteriaQuery<Long> q = em.getCriteriaBuilder().createQuery(Long.class);
            Root<?> root = q.from(model.entity());
            DomainQuery conditions = new DomainQuery(em, registry, context, q, DomainQuery.NO_CHECK, DomainQuery.NO_RULES,
                    timeoutMillis);
            List<Predicate> where = new ArrayList<>();
            where.add(root.get("id").in(conditions.bind(new ArrayList<>(chunk))));
            for (Domain rule : rules) {
                where.add(conditions.predicate(rule, root, model));
            }
            q.select(root.<Long>get("id")).distinct(true).where(where.toArray(Predicate[]::new));
            TypedQuery<Long> query = em.createQuery(q);
            conditions.parameters().forEach((p, v) -> DomainQuery.setParameter(query, p, v));
            visible.addAll(DomainQuery.hinted(query, timeoutMillis).getResultList());
        }
        return visible;
    }
}
