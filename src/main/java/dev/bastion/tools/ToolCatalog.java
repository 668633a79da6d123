package dev.bastion.tools;

import dev.bastion.access.Memberships;
import dev.bastion.erp.base.Group;
import dev.bastion.mcp.spi.ToolDefinition;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import dev.bastion.platform.DatabaseReady;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The tool records: seeds the built-ins that have no row yet, and tells which tools a caller
 * is offered: active, in one of the tool's groups (when it has any), and only when the
 * caller's rights allow what the tool needs on at least one model, so a read-only user is
 * never offered create, write or delete. The administration tools (sessions, settings) are
 * offered to MCP and Settings administrators only.
 */
@ApplicationScoped
public class ToolCatalog {

    private static final Logger LOG = Logger.getLogger(ToolCatalog.class.getName());

    @Inject
    EntityManager em;

    @Inject
    Records records;

    @Inject
    ModelRegistry models;

    @Inject
    Memberships memberships;

    /** A tool as the catalog keeps it: the row's data, read once, and its handler. */
    record Offered(String name, String title, String description, JsonObject inputSchema, JsonObject outputSchema,
                   JsonObject annotations, Builtin handler, Set<Long> groupIds) {

        ToolDefinition definition() {
            return new ToolDefinition(name, title, description, inputSchema, outputSchema, annotations, handler.scope());
        }
    }

    /** The active tools, in list order; null until read (again) after a change. */
    private volatile List<Offered> active;

    @Transactional
    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) DatabaseReady ready) {
        Set<String> present = em.createQuery("select t.handler from McpTool t", String.class).getResultStream()
                .collect(Collectors.toSet());
        // The administration tools' rows name the administrator groups, so that the records say who sees them.
        Set<Group> administrators = Set.copyOf(em.createQuery("select g from ResGroup g where g.xmlId in :ids", Group.class)
                .setParameter("ids", Builtin.ADMINISTRATORS).getResultList());
        for (Builtin builtin : Builtin.values()) {
            if (!present.contains(builtin.toolName())) {
                em.persist(McpTool.of(builtin, builtin.administration() ? administrators : Set.of()));
                LOG.info(() -> "Built-in tool " + builtin.toolName() + " added to mcp_tool");
            }
        }
    }

    /** Counts changes, so a read that raced with one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    /** Forgets the tools read so far: the next caller reads the rows again. */
    void invalidate() {
        generation.incrementAndGet();
        active = null;
    }

    private List<Offered> active() {
        List<Offered> tools = active;
        if (tools == null) {
            long readAt = generation.get();
            tools = em.createQuery("select t from McpTool t where t.active = true order by t.sequence, t.name", McpTool.class)
                    .getResultStream()
                    .flatMap(t -> Builtin.handler(t.getHandler()).map(h -> new Offered(t.getName(), t.getTitle(),
                            t.getDescription(), McpTool.parse("input_schema", t.getInputSchema()),
                            t.getOutputSchema() == null || t.getOutputSchema().isBlank() ? null
                                    : McpTool.parse("output_schema", t.getOutputSchema()),
                            t.annotations(), h, t.getGroups().stream().map(Group::getId).collect(Collectors.toUnmodifiableSet())))
                            .stream())
                    .toList();
            if (generation.get() == readAt) {
                active = tools;
            }
        }
        return tools;
    }

    /** The tools {@code context}'s user is offered, in list order. */
    @Transactional
    List<Offered> offered(CallContext context) {
        Memberships.Membership groups = memberships.of(context.uid());
        // Several tools need the same operation: ask the rights once per operation, not per tool.
        Map<Operation, Boolean> somewhere = new EnumMap<>(Operation.class);
        return active().stream().filter(t -> offeredTo(t, context, groups, somewhere)).toList();
    }

    /** The tool {@code name} when {@code context}'s user is offered it: the rights of that one tool only. */
    @Transactional
    Optional<Offered> offered(CallContext context, String name) {
        Memberships.Membership groups = memberships.of(context.uid());
        return active().stream().filter(t -> t.name().equals(name)).findFirst()
                .filter(t -> offeredTo(t, context, groups, new EnumMap<>(Operation.class)));
    }

    /** The handler of the active tool {@code name}. */
    @Transactional
    Optional<Builtin> handlerOf(String name) {
        return active().stream().filter(t -> t.name().equals(name)).findFirst().map(Offered::handler);
    }

    private boolean offeredTo(Offered tool, CallContext context, Memberships.Membership groups,
                              Map<Operation, Boolean> somewhere) {
        // An administration tool stays an administrators' tool even when its record lost its groups.
        if (tool.handler().administration() && Collections.disjoint(Builtin.ADMINISTRATORS, groups.xmlIds())) {
            return false;
        }
        return (tool.groupIds().isEmpty() || !Collections.disjoint(tool.groupIds(), groups.ids()))
                && (tool.handler().needs() == null || somewhere.computeIfAbsent(tool.handler().needs(),
                        op -> models.all().keySet().stream().anyMatch(m -> records.allowed(context, m, op))));
    }
}
