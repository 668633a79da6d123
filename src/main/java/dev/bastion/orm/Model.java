package dev.bastion.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a JPA entity as a business model under its Odoo-style technical name
 * ({@code res.partner}, {@code sale.order}). Adding such an entity to the WAR is all it takes
 * for the data engine (and so MCP) to serve it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Model {

    /** Technical name, dotted: {@code sale.order}. */
    String name();

    /** Human label: "Sales Order". */
    String label();

    /** What the model holds, for AI clients reading the schema. */
    String description() default "";

    /** Default order, Odoo syntax over technical field names: {@code "date_order desc, id desc"}. */
    String order() default "id";

    /** Owning module's technical name: {@code base}, {@code product}, {@code sales}, {@code invoicing}. */
    String module();

    /** Technical name of the field that is the record's display name. */
    String recName() default "name";

    /**
     * True for records only the server writes (the audit trail): the engine refuses to create,
     * write or delete them for every caller, whatever the access rights say.
     */
    boolean readOnly() default false;
}
