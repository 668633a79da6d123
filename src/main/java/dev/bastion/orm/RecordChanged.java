package dev.bastion.orm;

import java.io.Serializable;

/**
 * Fired asynchronously after a transaction that created, changed or deleted records of a
 * model committed, once per record, whichever code made the change (the engine, a business
 * method, a loader). Features that mirror records (MCP tool and prompt lists, record
 * resources) observe it with {@code @ObservesAsync}. In a cluster every node fires it, so that
 * each tells its own open streams; {@code fromAnotherNode} says the change was committed
 * elsewhere (observers that write must skip those, see {@link ChangesCommitted}).
 *
 * @param model           the model's technical name
 * @param id              the record's id
 * @param kind            what happened to it
 * @param fromAnotherNode whether the transaction ran on another node of the cluster
 */
public record RecordChanged(String model, long id, Kind kind, boolean fromAnotherNode) implements Serializable {

    /** What happened to the record. */
    public enum Kind { CREATED, UPDATED, DELETED }

    /** A change committed on this node. */
    public RecordChanged(String model, long id, Kind kind) {
        this(model, id, kind, false);
    }

    /** The same change, as another node hears it. */
    RecordChanged elsewhere() {
        return new RecordChanged(model, id, kind, true);
    }
}
