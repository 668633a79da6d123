package dev.bastion.orm;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code read_group} for {@link Records}: grouped in the database, date buckets merged here. */
@ApplicationScoped
class RecordGroups {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    ModelRegistry registry;

    @Inject
    RecordScope scope;

    @Inject
    SettingsService settings;

    /** {@link Records#readGroup}. */
    JsonArray readGroup(CallContext context, String model, JsonArray domain, List<String> aggregates,
                               List<String> groupBy, String orderBy, int offset, Integer limit) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
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
        RecordScope.Filter filter = scope.where(context, m, Domain.parse(domain), query, root, policy);
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
        Reach reach = scope.reach(context, policy);
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

}
