package dev.bastion.orm;

/**
 * The engine failed for a reason the caller cannot fix. The message says so and gives the
 * reference under which the server log keeps the detail; it never carries the detail itself.
 */
public class InternalFailure extends OrmException {

    private final String reference;

    public InternalFailure(String message, String reference) {
        super(message);
        this.reference = reference;
    }

    /** The correlation id of the log entry that holds the exception. */
    public String reference() {
        return reference;
    }
}
