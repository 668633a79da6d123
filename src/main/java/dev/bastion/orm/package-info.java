/**
 * The business-data engine: models and fields described by annotations on JPA entities
 * ({@link dev.bastion.orm.Model}, {@link dev.bastion.orm.Field}), business methods on
 * {@link dev.bastion.orm.ModelMethods} beans, and the operations AI clients use on them.
 *
 * <p>May import: JPA, JSON-P. Never {@code mcp.*}, never {@code erp.*}, never {@code access}:
 * access control plugs in through the policy interface this package defines.
 */
package dev.bastion.orm;
