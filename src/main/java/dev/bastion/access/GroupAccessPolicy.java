package dev.bastion.access;

import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.AccessPolicy;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.Domain;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The data engine's access policy, Odoo's way: a user may do an operation on a model when one
 * of their groups (implied groups included) has the access right; the records they touch must
 * match every global record rule of the model and, when their groups have rules there, at
 * least one of those. MCP overrides then narrow what is left: a disabled model, a forbidden
 * operation, fields outside the allowed list, blocked methods, groups not admitted.
 */
@ApplicationScoped
public class GroupAccessPolicy implements AccessPolicy {

    @Inject
    AccessTables tables;

    @Inject
    Memberships memberships;

    @Override
    public void checkModel(CallContext context, ModelInfo model, Operation operation) {
        Set<Long> groups = groupsOf(context);
        AccessTables.Snapshot snapshot = tables.current();
        String verb = verb(operation);
        if (model.readOnly() && operation != Operation.READ) {
            // Kept by the server itself (the audit trail): no right, not even an administrator's, changes it.
            throw new AccessDenied("records of " + model.name() + " are kept by the server: nobody may " + verb + " them");
        }
        snapshot.override(model.name()).ifPresent(o -> {
            if (!o.enabled()) {
                throw new AccessDenied("model " + model.name() + " is not available to MCP clients");
            }
            if (!o.groupIds().isEmpty() && Collections.disjoint(o.groupIds(), groups)) {
                throw new AccessDenied("model " + model.name() + " is not available to MCP clients of your groups");
            }
            if (!o.allows().cover(operation)) {
                throw new AccessDenied("MCP clients may not " + verb + " records of " + model.name());
            }
        });
        boolean granted = snapshot.rights(model.name()).stream()
                .anyMatch(r -> (r.groupId() == null || groups.contains(r.groupId())) && r.grants().cover(operation));
        if (!granted) {
            throw new AccessDenied("you may not " + verb + " records of " + model.name()
                    + " (no access right of your groups allows it)");
        }
    }

    @Override
    public List<Domain> ruleDomains(CallContext context, ModelInfo model, Operation operation) {
        AccessTables.Snapshot snapshot = tables.current();
        if (snapshot.rules(model.name()).stream().noneMatch(r -> r.appliesTo().cover(operation))) {
            return List.of();
        }
        Set<Long> groups = groupsOf(context);
        RuleScope scope = new RuleScope(context.uid(), context.companyId(), context.allowedCompanyIds(), groups,
                snapshot.generation(), model.name(), operation);
        return resolved.get(scope, s -> Optional.of(resolve(snapshot, context, groups, model, operation))).orElseThrow();
    }

    /**
     * What the rule domains of one (user, model, operation) depend on: the caller's values they
     * are filled with, the user's groups, and the rules read; any change makes a new key.
     */
    private record RuleScope(long uid, long companyId, List<Long> companyIds, Set<Long> groups, long rulesGeneration,
                             String model, Operation operation) {
    }

    /** Parsed once per scope: every search, read and write asks for them, often several times. */
    private final DerivedCache<RuleScope, List<Domain>> resolved = new DerivedCache<>(Memberships.MAX_AGE, 10_000);

    private static List<Domain> resolve(AccessTables.Snapshot snapshot, CallContext context, Set<Long> groups,
                                        ModelInfo model, Operation operation) {
        RuleDomains values = new RuleDomains(context);
        List<Domain> domains = new ArrayList<>();
        List<Domain> groupDomains = new ArrayList<>();
        boolean groupRuleWithoutLimit = false;
        for (AccessTables.Rule rule : snapshot.rules(model.name())) {
            if (!rule.appliesTo().cover(operation)) {
                continue;
            }
            Domain domain = Domain.parse(values.resolve(rule));
            if (rule.groupIds().isEmpty()) {
                domains.add(domain);
            } else if (!Collections.disjoint(rule.groupIds(), groups)) {
                groupRuleWithoutLimit |= domain instanceof Domain.All;
                groupDomains.add(domain);
            }
        }
        if (!groupDomains.isEmpty() && !groupRuleWithoutLimit) {
            domains.add(Domain.anyOf(groupDomains));
        }
        return List.copyOf(domains);
    }

    @Override
    public void checkField(CallContext context, ModelInfo model, String field, Operation operation) {
        tables.current().override(model.name()).ifPresent(o -> {
            if (!o.allowedFields().isEmpty() && !field.equals("id") && !o.allowedFields().contains(field)) {
                throw new AccessDenied("field " + field + " of " + model.name() + " is not available to MCP clients");
            }
        });
    }

    @Override
    public void checkMethod(CallContext context, ModelInfo model, String method) {
        tables.current().override(model.name()).ifPresent(o -> {
            if (!o.methods() || o.blockedMethods().contains(method)) {
                throw new AccessDenied("MCP clients may not call " + method + " on " + model.name());
            }
        });
    }

    private Set<Long> groupsOf(CallContext context) {
        return memberships.of(context.uid()).ids();
    }

    private static String verb(Operation operation) {
        return operation == Operation.UNLINK ? "delete" : operation.name().toLowerCase(Locale.ROOT);
    }
}
