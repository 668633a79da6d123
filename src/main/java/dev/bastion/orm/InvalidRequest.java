package dev.bastion.orm;

/** A malformed domain, an unknown field, a wrong operator or a value of the wrong type. */
public class InvalidRequest extends OrmException {

    public InvalidRequest(String message) {
        super(message);
    }
}
