package dev.bastion.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean ({@code @ApplicationScoped}) that holds the business methods of one model.
 * Only its methods annotated {@link Public} are callable through {@code method_call}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelMethods {

    /** The model's technical name: {@code sale.order}. */
    String value();
}
