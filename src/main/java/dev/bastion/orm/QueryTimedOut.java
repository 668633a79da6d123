package dev.bastion.orm;

/** A query ran longer than the {@code bastion.query-timeout} setting allows and was stopped. */
public class QueryTimedOut extends OrmException {

    public QueryTimedOut(String message) {
        super(message);
    }
}
