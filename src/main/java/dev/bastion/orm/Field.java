package dev.bastion.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a persistent attribute of a {@link Model} entity to the data engine. Attributes
 * without it are exposed too, with a label derived from the name; {@link #exposed()} hides one
 * (password hashes, internal columns).
 *
 * <p>The technical name defaults to the attribute name in snake case, with {@code _id} added
 * for a many2one ({@code partner} becomes {@code partner_id}) and {@code _ids} for one2many
 * and many2many ({@code lines} becomes {@code line_ids}); {@link #name()} overrides it.
 * The type is derived from the Java type and JPA mapping; {@link #type()} overrides it
 * (text, monetary, selection, binary cannot be told from the Java type alone).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Field {

    /** Technical name override. */
    String name() default "";

    String label() default "";

    String help() default "";

    FieldType type() default FieldType.AUTO;

    boolean required() default false;

    /** Not writable through the engine (computed totals, numbers assigned by business methods). */
    boolean readonly() default false;

    /** Computed by the model's own code; stored when it is a JPA column. */
    boolean computed() default false;

    /** Selection values as {@code "value:Label"} pairs, in order; the first is the default. */
    String[] selection() default {};

    /** For monetary fields: technical name of the currency field ({@code currency_id}). */
    String currencyField() default "";

    /** False hides the attribute from the engine entirely. */
    boolean exposed() default true;
}
