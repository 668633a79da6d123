package dev.bastion.access;

import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.AccessPolicy;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
    public List<JsonArray> ruleDomains(CallContext context, ModelInfo model, Operation operation) {
        List<AccessTables.Rule> rules = tables.current().rules(model.name()).stream()
                .filter(r -> r.appliesTo().cover(operation)).toList();
        if (rules.isEmpty()) {
            return List.of();
        }
        Set<Long> groups = groupsOf(context);
        RuleDomains values = new RuleDomains(context);
        List<JsonArray> domains = new ArrayList<>();
        List<JsonArray> groupDomains = new ArrayList<>();
        boolean groupRuleWithoutLimit = false;
        for (AccessTables.Rule rule : rules) {
            JsonArray domain = values.resolve(rule);
            if (rule.groupIds().isEmpty()) {
                domains.add(domain);
            } else if (!Collections.disjoint(rule.groupIds(), groups)) {
                groupRuleWithoutLimit |= domain.isEmpty();
                groupDomains.add(domain);
            }
        }
        if (!groupDomains.isEmpty() && !groupRuleWithoutLimit) {
            domains.add(RuleDomains.unite(groupDomains));
        }
        return domains;
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
