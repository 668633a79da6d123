package dev.bastion.orm;

import dev.bastion.platform.cluster.Grid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries committed record changes to the other nodes of a cluster, at the one place they are
 * announced: after {@link RecordChanges} fired them here, the list goes out on the grid's topic
 * {@code record-changes}, and every other node fires the same events, marked
 * {@code fromAnotherNode}: {@link ChangesCommitted} synchronously (its caches clear), then one
 * {@link RecordChanged} per record asynchronously (its MCP notifications reach its own streams).
 * The committing node's caller gets its answer once every other node has cleared its caches, or
 * after {@code bastion.cluster.delivery-wait-ms} (default 2000; a node that did not answer is logged
 * and not waited for again for a while). Nothing happens on a single node.
 */
@ApplicationScoped
public class ChangesAcrossNodes {

    private static final Logger LOG = Logger.getLogger(ChangesAcrossNodes.class.getName());
    private static final String TOPIC = "record-changes";

    @Inject
    Grid grid;

    @Inject
    Event<ChangesCommitted> committed;

    @Inject
    Event<RecordChanged> changed;

    /** How long a commit waits for the other nodes to clear their caches. */
    @Inject
    @ConfigProperty(name = "bastion.cluster.delivery-wait-ms", defaultValue = "2000")
    long deliveryWaitMillis;

    void listen(@Observes @Initialized(ApplicationScoped.class) Object start) {
        if (grid.clustered()) {
            grid.<ArrayList<RecordChanged>>topic(TOPIC).subscribe(this::committedElsewhere);
        }
    }

    /** Sends what a transaction of this node committed to the other nodes; never fails the caller. */
    void publish(Collection<RecordChanged> records) {
        if (!grid.clustered() || records.isEmpty()) {
            return;
        }
        try {
            grid.topic(TOPIC).publish(new ArrayList<>(records), Duration.ofMillis(deliveryWaitMillis));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: committed changes of " + records.size() + " records could not reach the other"
                    + " nodes; their caches catch up within 30 s", e);
        }
    }

    private void committedElsewhere(List<RecordChanged> records) {
        List<RecordChanged> here = records.stream().map(RecordChanged::elsewhere).toList();
        try {
            committed.fire(new ChangesCommitted(here, true));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "A cache could not take note of changes committed on another node", e);
        }
        here.forEach(changed::fireAsync);
    }
}
