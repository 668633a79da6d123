package dev.bastion.orm;

/** The caller may not do this: names the model, operation, field or method refused. */
public class AccessDenied extends OrmException {

    public AccessDenied(String message) {
        super("Access denied: " + message);
    }
}
