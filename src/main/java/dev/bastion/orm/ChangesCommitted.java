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
 * @param changes the records the transaction created, changed or deleted
 */
public record ChangesCommitted(List<RecordChanged> changes) {

    public ChangesCommitted {
        changes = List.copyOf(changes);
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
