package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.orm.Operation;
import jakarta.annotation.Resource;
import dev.bastion.orm.ChangesCommitted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import dev.bastion.json.Jsons;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The access rights, record rules and MCP overrides, read once and kept until one of them
 * changes: checking a call costs no query for them. Any change through JPA (the data engine
 * or the admin pages) invalidates the copy when it is flushed and again after its transaction
 * ends, so no reader keeps a copy taken before the commit. A change committed on another node
 * of a cluster arrives as a {@link ChangesCommitted} from there and invalidates it the same way.
 */
@ApplicationScoped
public class AccessTables {

    private static final Logger LOG = Logger.getLogger(AccessTables.class.getName());

    /** Per operation, a yes or no: what a right grants, what a rule or an override applies to. */
    record Perms(boolean read, boolean write, boolean create, boolean unlink) {
        boolean cover(Operation operation) {
            return switch (operation) {
                case READ -> read;
                case WRITE -> write;
                case CREATE -> create;
                case UNLINK -> unlink;
            };
        }
    }

    /** One access right: what members of {@code groupId} (every user when null) may do. */
    record Right(Long groupId, Perms grants) {
    }

    /**
     * One record rule, for the operations of {@code appliesTo}; an empty {@code groupIds} makes
     * it global. A null domain never matches.
     */
    record Rule(String name, Set<Long> groupIds, JsonArray domain, Perms appliesTo) {
    }

    /** One model's MCP override; {@code allowedFields} empty means every field. */
    record McpLimits(boolean enabled, Perms allows, boolean methods, Set<String> allowedFields,
                     Set<String> blockedMethods, Set<Long> groupIds) {
    }

    record Snapshot(long generation, Map<String, List<Right>> rights, Map<String, List<Rule>> rules,
                    Map<String, McpLimits> overrides) {
        List<Right> rights(String model) {
            return rights.getOrDefault(model, List.of());
        }

        List<Rule> rules(String model) {
            return rules.getOrDefault(model, List.of());
        }

        Optional<McpLimits> override(String model) {
            return Optional.ofNullable(overrides.get(model));
        }
    }

    /** The models of the rows copied here. */
    private static final Set<String> SOURCES = Set.of("ir.model.access", "ir.rule", "mcp.model.override");

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    @Inject
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    Snapshot current() {
        Snapshot s = snapshot;
        long now = generation.get();
        if (s == null || s.generation() != now) {
            s = load(now);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(long at) {
        Map<String, List<Right>> rights = em.createQuery("select a from ModelAccess a where a.active = true",
                        ModelAccess.class).getResultStream()
                .collect(Collectors.groupingBy(a -> a.model, Collectors.mapping(a -> new Right(
                        a.group == null ? null : a.group.getId(), new Perms(a.read, a.write, a.create, a.unlink)), Collectors.toList())));
        Map<String, List<Rule>> rules = em.createQuery("select r from RecordRule r where r.active = true",
                        RecordRule.class).getResultStream()
                .collect(Collectors.groupingBy(r -> r.model, Collectors.mapping(r -> new Rule(r.name, ids(r.groups),
                        parseOrNull(r.name, r.domain), new Perms(r.read, r.write, r.create, r.unlink)), Collectors.toList())));
        Map<String, McpLimits> overrides = em.createQuery("select o from McpModelOverride o", McpModelOverride.class)
                .getResultStream().collect(Collectors.toMap(o -> o.model, o -> new McpLimits(o.enabled,
                        new Perms(o.allowRead, o.allowWrite, o.allowCreate, o.allowUnlink), o.allowMethods, names(o.allowedFields),
                        names(o.blockedMethods), ids(o.groups))));
        return new Snapshot(at, rights, rules, overrides);
    }

    private static Set<Long> ids(Set<Group> groups) {
        return groups.stream().map(Group::getId).collect(Collectors.toUnmodifiableSet());
    }

    static Set<String> names(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A stored rule domain, or null (matches nothing) when it is not a JSON array. */
    private static JsonArray parseOrNull(String rule, String domain) {
        try {
            return parseDomain(domain);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Record rule '" + rule + "' has an invalid domain and matches nothing: " + e.getMessage());
            return null;
        }
    }

    /** Parses a rule domain written as JSON. */
    static JsonArray parseDomain(String domain) {
        try (var reader = Jsons.createReader(new StringReader(domain))) {
            return reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("a rule domain is a JSON array, e.g. [[\"company_id\",\"in\","
                    + "{\"var\":\"company_ids\"}]]; got: " + domain);
        }
    }

    /**
     * Rows changed on another node of a cluster (this node's JPA never saw them): the copy goes,
     * before the changing call answers there.
     */
    void changedElsewhere(@Observes ChangesCommitted change) {
        if (change.fromAnotherNode() && change.touches(SOURCES)) {
            invalidate();
        }
    }

    void invalidate() {
        generation.incrementAndGet();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        }
    }

    /** Entity listener of the access tables: checks what a row names ({@link AccessRowChecks}), invalidates the copy on every change. */
    public static class Invalidation {

        @PrePersist
        @PreUpdate
        void check(Object entity) {
            AccessRowChecks checks = CDI.current().select(AccessRowChecks.class).get();
            if (entity instanceof RecordRule rule) {
                checks.ruleDomain(rule.model, rule.domain);
            } else if (entity instanceof ModelAccess right) {
                checks.model(right.model);
            } else if (entity instanceof McpModelOverride override) {
                checks.allowedFields(override.model, override.allowedFields);
                checks.blockedMethods(override.model, override.blockedMethods);
            }
        }

        @PostPersist
        @PostUpdate
        @PostRemove
        void changed(Object entity) {
            CDI.current().select(AccessTables.class).get().invalidate();
        }
    }
}
