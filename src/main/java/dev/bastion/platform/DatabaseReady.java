package dev.bastion.platform;

/**
 * Fired once at startup, after the schema is migrated. Beans that need tables at startup
 * (settings cache, seed data, demo data) observe this instead of the CDI initialization event.
 *
 * @param vendor        the migration folder used, {@code h2} or {@code postgresql}
 * @param schemaVersion the schema version after migration
 */
public record DatabaseReady(String vendor, String schemaVersion) {
}
