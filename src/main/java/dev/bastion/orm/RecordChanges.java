package dev.bastion.orm;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects the records a transaction changes and, after it commits (nothing for a rollback),
 * fires one synchronous {@link ChangesCommitted} and then one asynchronous {@link RecordChanged}
 * per record. The JPA side is {@link Listener}, the default
 * entity listener of every entity (META-INF/orm.xml); the engine also reports writes that
 * only touched an x2many collection, which JPA does not always see as an update.
 */
@ApplicationScoped
public class RecordChanges {

    private static final Object KEY = RecordChanges.class;
    private static final Logger LOG = Logger.getLogger(RecordChanges.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<RecordChanged> changed;

    @Inject
    Event<ChangesCommitted> committed;

    @Inject
    ModelRegistry registry;

    @Inject
    ChangesAcrossNodes acrossNodes;

    /** Notes a change of {@code entity}, if it is a model's record and a transaction runs. */
    void note(Object entity, RecordChanged.Kind kind) {
        registry.ofEntity(entity.getClass()).ifPresent(m -> {
            Object id = Values.get(entity, "id");
            if (id instanceof Number n) {
                note(m.name(), n.longValue(), kind);
            }
        });
    }

    /** Notes a change of record {@code id} of {@code model}. */
    void note(String model, long id, RecordChanged.Kind kind) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, RecordChanged> pending = (Map<String, RecordChanged>) transactions.getResource(KEY);
        if (pending == null) {
            Map<String, RecordChanged> fresh = new LinkedHashMap<>();
            transactions.putResource(KEY, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        announce(fresh.values());
                    }
                }
            });
            pending = fresh;
        }
        // The first kind wins (created-then-updated is a creation), except that deletion is final.
        pending.merge(model + "," + id, new RecordChanged(model, id, kind),
                (old, now) -> now.kind() == RecordChanged.Kind.DELETED ? now : old);
    }

    /**
     * Caches first, on this thread, so the next request sees the change; then the other nodes'
     * caches (so the next request to any node sees it); then the async per-record events.
     */
    private void announce(Collection<RecordChanged> records) {
        try {
            committed.fire(new ChangesCommitted(List.copyOf(records)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "A cache could not take note of committed changes", e);
        }
        acrossNodes.publish(records);
        records.forEach(changed::fireAsync);
    }

    /** The default entity listener (META-INF/orm.xml): reports every insert, update and delete. */
    public static class Listener {

        @PostPersist
        void created(Object entity) {
            changes().note(entity, RecordChanged.Kind.CREATED);
        }

        @PostUpdate
        void updated(Object entity) {
            changes().note(entity, RecordChanged.Kind.UPDATED);
        }

        @PostRemove
        void deleted(Object entity) {
            changes().note(entity, RecordChanged.Kind.DELETED);
        }

        private static RecordChanges changes() {
            return CDI.current().select(RecordChanges.class).get();
        }
    }
}
