package dev.bastion.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Public} business method that callers may leave out: it is then
 * null. Every other parameter must be given, so a forgotten argument is an error naming it
 * rather than a surprise inside the method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalArgument {
}
