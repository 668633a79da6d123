package dev.bastion.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A business method callable through {@code method_call}. Its first parameter is
 * {@code List<E>} of the model's entity: the records named by the call's ids, already loaded
 * and checked against the caller's rights and record rules. Further parameters are the call's
 * positional and keyword arguments, matched by parameter name (compiled with
 * {@code -parameters}) and type-checked by the engine. It runs inside the caller's
 * transaction: all or nothing. Its name is the Java method name ({@code action_confirm});
 * names starting with {@code _} are never callable.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {

    /** What the method does, for AI clients. */
    String description();

    /** Destroys or irreversibly changes data: clients are asked for confirmation first. */
    boolean destructive() default false;

    /** Changes nothing: callable with read rights alone. */
    boolean readOnly() default false;

    /** Works on the model as a whole (Odoo's {@code @api.model}): called with no ids, its list is empty. */
    boolean modelLevel() default false;
}
