/**
 * Settings ({@code /admin/settings.xhtml}, administrators only): every live setting of
 * {@link dev.bastion.settings.SettingKey}, grouped by what it governs, with its meaning, its
 * default, the value an administrator stored and an inline message when a value is refused. Saving
 * and resetting go through {@link dev.bastion.settings.SettingsService} — the same service, checks
 * and {@code SettingChanged} events as the MCP tool {@code set_setting} — and each is an audit
 * entry of its own ({@code console/set_setting}, {@code console/reset_setting}), refused ones
 * included. It is also where {@code /mcp} is switched on again after {@code bastion.server.enabled}
 * was set to false: the console never passes through that switch.
 *
 * <p>May import: {@code admin}, {@code settings}, {@code orm} (its refusals), Faces.
 */
package dev.bastion.admin.settings;
