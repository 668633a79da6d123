package dev.bastion.orm;

/**
 * A refusal the caller can understand and correct. Its message names the model, field,
 * operator or value at fault and never reveals data the caller may not see.
 */
public class OrmException extends RuntimeException {

    public OrmException(String message) {
        super(message, null, false, false);
    }
}
