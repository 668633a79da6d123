package dev.bastion.settings;

/**
 * Fired (synchronously and asynchronously) after a setting's stored value changed and the
 * cache holds the new value; the audit trail records each one.
 *
 * @param key       the setting
 * @param oldValue  the typed value before
 * @param newValue  the typed value now (the default again after a reset)
 * @param changedBy the login of who changed it (an MCP administrator, an admin console user)
 */
public record SettingChanged(SettingKey key, Object oldValue, Object newValue, String changedBy) {
}
