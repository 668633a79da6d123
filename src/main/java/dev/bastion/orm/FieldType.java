package dev.bastion.orm;

/** Odoo's field types, as clients see them in {@code fields_get}. */
public enum FieldType {
    /** Derive from the Java type and the JPA mapping. */
    AUTO,
    CHAR, TEXT, INTEGER, FLOAT, MONETARY, BOOLEAN, DATE, DATETIME, SELECTION,
    MANY2ONE, ONE2MANY, MANY2MANY, BINARY;

    /** The wire name: {@code many2one}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
