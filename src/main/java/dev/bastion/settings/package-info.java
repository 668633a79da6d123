/**
 * Live settings: values admins change at runtime, stored as rows of {@code bastion_setting},
 * with their defaults from MicroProfile Config ({@code bastion.*} keys in
 * {@code microprofile-config.properties}; environment variables such as
 * {@code BASTION_RATE_LIMIT_PER_MINUTE} override them).
 *
 * <p>Every key is a constant of {@link dev.bastion.settings.SettingKey} with its type and
 * meaning; reads are served from an in-memory cache (no query per request), so a change takes
 * effect on the next read, without a restart. A value is checked against its key's type before
 * anything is stored (a malformed CIDR or origin, a negative count or duration, an unknown
 * choice is refused with a message naming the key), and every change fires
 * {@link dev.bastion.settings.SettingChanged} with who made it, for the beans that must react at
 * once and for the audit trail. MCP administrators read and change settings with the
 * {@code get_settings} and {@code set_setting} tools; the admin console calls
 * {@link dev.bastion.settings.SettingsService} directly.
 *
 * <p>{@code bastion.server.enabled} false turns {@code /mcp} off for every client, those tools
 * included: it is turned on again through {@code SettingsService} (the admin console), or, without
 * one, by deleting its row ({@code delete from bastion_setting where setting_key =
 * 'bastion.server.enabled'}) and restarting, after which the configured default applies.
 *
 * <p>May import: JPA, MicroProfile Config, {@code platform}, {@code platform.cluster}.
 */
package dev.bastion.settings;
