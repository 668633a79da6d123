package dev.bastion.orm;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fired synchronously, once per committed transaction that changed records, on the committing
 * thread before the caller gets its answer. Caches of derived data (verified API keys, users'
 * groups and contexts, rights) observe it with {@code @Observes} and drop what it touched, so
 * that the very next request sees the change. Observers only clear memory: they must be fast
 * and must not fail. The per-record {@link RecordChanged} events follow asynchronously.
 *
 * <p>In a cluster every other node fires it too, for the same changes, before the committing
 * node's caller gets its answer ({@link ChangesAcrossNodes}); there {@code fromAnotherNode} is
 * true. An observer that does more than clear memory (writes, numbers, audits) must skip those,
 * or the work is done once per node.
 *
 * @param changes         the records the transaction created, changed or deleted
 * @param fromAnotherNode whether the transaction ran on another node of the cluster
 */
public record ChangesCommitted(List<RecordChanged> changes, boolean fromAnotherNode) {

    public ChangesCommitted {
        changes = List.copyOf(changes);
    }

    /** Changes committed on this node. */
    public ChangesCommitted(List<RecordChanged> changes) {
        this(changes, false);
    }

    /** The models the transaction changed. */
    public Set<String> models() {
        return changes.stream().map(RecordChanged::model).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the transaction changed any record of {@code candidates}. */
    public boolean touches(Set<String> candidates) {
        return changes.stream().anyMatch(c -> candidates.contains(c.model()));
    }
}
