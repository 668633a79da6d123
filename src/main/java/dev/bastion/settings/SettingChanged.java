package dev.bastion.settings;

/**
 * Fired (synchronously and asynchronously) after a setting's stored value changed and the
 * cache holds the new value; the audit trail records each one. In a cluster every other node
 * fires it too once its cache holds the new value, with {@code fromAnotherNode} true: what must
 * happen once (the audit entry) skips those.
 *
 * @param key             the setting
 * @param oldValue        the typed value before
 * @param newValue        the typed value now (the default again after a reset)
 * @param changedBy       the login of who changed it (an MCP administrator, an admin console user)
 * @param fromAnotherNode whether it was changed on another node of the cluster
 */
public record SettingChanged(SettingKey key, Object oldValue, Object newValue, String changedBy, boolean fromAnotherNode) {

    /** A change made on this node. */
    public SettingChanged(SettingKey key, Object oldValue, Object newValue, String changedBy) {
        this(key, oldValue, newValue, changedBy, false);
    }
}
