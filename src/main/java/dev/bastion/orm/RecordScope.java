package dev.bastion.orm;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Parameter;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every operation of the engine shares: the access policy, the query timeout, and the scope
 * of a call, the caller's domain and the record rules together as one WHERE clause; the check
 * that given ids are all within the rules. Runs inside the {@link Records} facade's transaction.
 */
@ApplicationScoped
class RecordScope {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    ModelRegistry registry;

    @Inject
    Instance<AccessPolicy> policies;

    @Inject
    SettingsService settings;

    AccessPolicy policy() {
        return policies.isResolvable() ? policies.get() : new AccessPolicy.DenyAll();
    }

    /** Every id must exist and be within the caller's record rules for {@code operation}. */
    void checkRules(CallContext context, ModelInfo m, List<Long> ids, AccessPolicy policy, Operation operation) {
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
        for (Domain rule : policy.ruleDomains(context, m, operation)) {
            all.add(rules.predicate(rule, root, m));
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

    static long idOf(Object entity) {
        return ((Number) Values.get(entity, "id")).longValue();
    }

    static Object instantiate(ModelInfo m) {
        try {
            var constructor = m.entity().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(m.entity() + " needs a no-argument constructor", e);
        }
    }

    static ConcurrentUpdate concurrent(ModelInfo m) {
        return new ConcurrentUpdate("A record of " + m.name() + " was changed by someone else meanwhile; "
                + "nothing was written: read it again and retry");
    }

    /** A WHERE clause and the values of its bound parameters. */
    record Filter(Predicate predicate, Map<ParameterExpression<?>, Object> parameters, int timeoutMillis) {
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
    int timeout() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, settings.getDuration(SettingKey.QUERY_TIMEOUT).toMillis()));
    }

    Reach reach(CallContext context, AccessPolicy policy) {
        return new Reach(em, registry, context, policy, timeout());
    }

    Filter where(CallContext context, ModelInfo m, Domain parsed, CommonAbstractCriteria query, Root<?> root,
                         AccessPolicy policy) {
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
        for (Domain rule : policy.ruleDomains(context, m, Operation.READ)) {
            all.add(rules.predicate(rule, root, m));
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

}
