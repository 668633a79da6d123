package dev.bastion.settings;

/**
 * Fired (synchronously and asynchronously) after a setting's stored value changed and the
 * cache holds the new value.
 *
 * @param key      the setting
 * @param oldValue the typed value before
 * @param newValue the typed value now
 */
public record SettingChanged(SettingKey key, Object oldValue, Object newValue) {
}
