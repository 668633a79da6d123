package dev.bastion.orm;

/** Someone else changed the record since it was read: nothing was written; read it again and retry. */
public class ConcurrentUpdate extends OrmException {

    public ConcurrentUpdate(String message) {
        super(message);
    }
}
