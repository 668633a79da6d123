package dev.bastion.orm;

/**
 * Fired asynchronously after a transaction that created, changed or deleted records of a
 * model committed, once per record, whichever code made the change (the engine, a business
 * method, a loader). Features that mirror records (MCP tool and prompt lists, record
 * resources) observe it with {@code @ObservesAsync}.
 *
 * @param model the model's technical name
 * @param id    the record's id
 * @param kind  what happened to it
 */
public record RecordChanged(String model, long id, Kind kind) {

    /** What happened to the record. */
    public enum Kind { CREATED, UPDATED, DELETED }
}
