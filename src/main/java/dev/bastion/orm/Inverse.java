package dev.bastion.orm;

import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;

/**
 * The many2one on the other side of a one2many ({@code order_id} of a line for the order's
 * {@code order_line}), read from the mapping: x2many commands set it on new and linked
 * records, and decide whether a record leaving the one2many is deleted or just detached.
 *
 * @param attribute     the Java attribute of the many2one on the related entity
 * @param field         its technical name
 * @param required      whether the related record cannot exist without its owner
 * @param orphanRemoval whether the mapping deletes records that leave the collection
 */
record Inverse(String attribute, String field, boolean required, boolean orphanRemoval) {

    /** The inverse of {@code field} of {@code owner}, or null for a many2many. */
    static Inverse of(ModelInfo owner, FieldInfo field, ModelInfo target) {
        if (field.type() != FieldType.ONE2MANY) {
            return null;
        }
        OneToMany mapping = mapping(owner.entity(), field.attribute());
        if (mapping == null || mapping.mappedBy().isEmpty()) {
            throw new IllegalStateException(owner.name() + "." + field.name() + " is a one2many without mappedBy");
        }
        FieldInfo back = target.fields().values().stream().filter(f -> f.attribute().equals(mapping.mappedBy()))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        target.name() + " exposes no field for " + mapping.mappedBy()));
        return new Inverse(back.attribute(), back.name(), back.required(), mapping.orphanRemoval());
    }

    /**
     * Whether {@code field} is the mapped-by side of a many2many: JPA writes only the owning
     * side, so changes made here would be dropped without a word.
     */
    static boolean notOwning(ModelInfo owner, FieldInfo field) {
        ManyToMany mapping = annotation(owner.entity(), field.attribute(), ManyToMany.class);
        return field.type() == FieldType.MANY2MANY && mapping != null && !mapping.mappedBy().isEmpty();
    }

    private static OneToMany mapping(Class<?> type, String attribute) {
        return annotation(type, attribute, OneToMany.class);
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Class<?> type, String attribute, Class<A> kind) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(attribute).getAnnotation(kind);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return null;
    }
}
