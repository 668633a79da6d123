package dev.bastion.tools;

import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Records;
import dev.bastion.platform.DatabaseReady;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The tool records: seeds the built-ins that have no row yet, and tells which tools a caller
 * is offered: active, in one of the tool's groups (when it has any), and only when the
 * caller's rights allow what the tool needs on at least one model, so a read-only user is
 * never offered create, write or delete.
 */
@ApplicationScoped
public class ToolCatalog {

    private static final Logger LOG = Logger.getLogger(ToolCatalog.class.getName());

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    Records records;

    @Inject
    ModelRegistry models;

    /** A tool row a caller is offered, with its handler. */
    record Offered(McpTool tool, Builtin handler) {
    }

    @Transactional
    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) DatabaseReady ready) {
        Set<String> present = em.createQuery("select t.handler from McpTool t", String.class).getResultStream()
                .collect(Collectors.toSet());
        for (Builtin builtin : Builtin.values()) {
            if (!present.contains(builtin.toolName())) {
                em.persist(McpTool.of(builtin));
                LOG.info(() -> "Built-in tool " + builtin.toolName() + " added to mcp_tool");
            }
        }
    }

    /** The tools {@code context}'s user is offered, in list order. */
    @Transactional
    List<Offered> offered(CallContext context) {
        User user = em.find(User.class, context.uid());
        Set<Long> groups = user == null ? Set.of()
                : user.effectiveGroups().stream().map(Group::getId).collect(Collectors.toSet());
        return em.createQuery("select t from McpTool t where t.active = true order by t.sequence, t.name", McpTool.class)
                .getResultStream()
                .filter(t -> t.getGroups().isEmpty()
                        || !Collections.disjoint(t.getGroups().stream().map(Group::getId).toList(), groups))
                .map(t -> Builtin.handler(t.getHandler()).map(h -> new Offered(t, h)))
                .flatMap(Optional::stream)
                .filter(o -> o.handler().needs() == null || models.all().keySet().stream()
                        .anyMatch(m -> records.allowed(context, m, o.handler().needs())))
                .toList();
    }
}
