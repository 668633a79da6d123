package dev.bastion.admin.settings;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingType;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/settings.xhtml}: the live settings, changed and reset through {@link SettingsService}. */
@Named
@ViewScoped
public class SettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The heading each setting is listed under, in the page's order. What to group by is a
     * question of this page, not of the settings themselves; a key added later and not named here
     * is listed under "Other" rather than missing.
     */
    private static final Map<String, List<SettingKey>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Server", List.of(SettingKey.SERVER_ENABLED, SettingKey.MAX_RECORDS, SettingKey.QUERY_TIMEOUT,
                SettingKey.DEMO_DATA));
        GROUPS.put("Limits and lockout", List.of(SettingKey.RATE_LIMIT_PER_MINUTE, SettingKey.MCP_MAX_BODY_BYTES,
                SettingKey.LOCKOUT_THRESHOLD, SettingKey.LOCKOUT_WINDOW, SettingKey.LOCKOUT_PERIOD));
        GROUPS.put("Network", List.of(SettingKey.IP_FILTER_MODE, SettingKey.IP_FILTER_CIDRS, SettingKey.TRUSTED_PROXIES,
                SettingKey.CORS_ORIGINS));
        GROUPS.put("MCP protocol", List.of(SettingKey.SESSION_TTL, SettingKey.MCP_PAGE_SIZE,
                SettingKey.MCP_RESULT_MAX_BYTES, SettingKey.MCP_CLIENT_REQUEST_TIMEOUT, SettingKey.MCP_CACHE_TTL,
                SettingKey.MCP_CACHE_SCOPE, SettingKey.MCP_REQUIRE_CONFIRMATION));
        GROUPS.put("Audit", List.of(SettingKey.AUDIT_RETENTION, SettingKey.AUDIT_LOG_LINES));
    }

    /**
     * One setting as listed.
     *
     * @param group  the heading it is listed under
     * @param opens  whether it is the first of its group, under which the heading goes
     * @param stored the administrator's value, or null when the default applies
     */
    public record Row(String group, boolean opens, String key, String type, String description, String defaultText,
                      String stored, List<String> choices) implements Serializable {
        public boolean isOverridden() {
            return stored != null;
        }

        /** Whether it is picked from a list (true/false, or its choices) rather than typed. */
        public boolean isPicked() {
            return !choices.isEmpty();
        }

        /** The shape a typed value takes, shown under the field. */
        public String getFormat() {
            return switch (SettingType.valueOf(type)) {
                case COUNT -> "a whole number, 0 or more";
                case DURATION -> "a duration: 30s, 15m, 2h, 90d or ISO-8601 (PT30M)";
                case CIDRS -> "comma-separated IPv4/IPv6 addresses or CIDR blocks, e.g. 10.0.0.0/8, ::1";
                case ORIGINS -> "comma-separated origins scheme://host[:port], or *";
                case LIST -> "comma-separated items";
                default -> "";
            };
        }
    }

    @Inject
    Console console;

    @Inject
    SettingsService settings;

    /** One flat list, headings marked on their first row: inputs in nested repeats lose what was typed. */
    private List<Row> rows = List.of();
    /** What the administrator typed or picked, by key; starts as the value in force. */
    private final Map<String, String> edits = new HashMap<>();
    /** Why a value was refused, by key, shown next to its field. */
    private final Map<String, String> errors = new HashMap<>();

    @PostConstruct
    void load() {
        Map<SettingKey, SettingsService.Entry> all = settings.snapshot();
        List<SettingKey> listed = new ArrayList<>();
        List<Row> loaded = new ArrayList<>();
        GROUPS.forEach((name, keys) -> {
            keys.forEach(k -> loaded.add(row(name, k == keys.get(0), all.get(k))));
            listed.addAll(keys);
        });
        List<SettingKey> other = all.keySet().stream().filter(k -> !listed.contains(k)).toList();
        other.forEach(k -> loaded.add(row("Other", k == other.get(0), all.get(k))));
        rows = loaded;
        all.values().forEach(e -> edits.put(e.key().key(), e.text()));
    }

    private static Row row(String group, boolean opens, SettingsService.Entry e) {
        SettingKey k = e.key();
        List<String> choices = k.type() == SettingType.BOOLEAN ? List.of("true", "false") : k.choices();
        return new Row(group, opens, k.key(), k.type().name(), k.description(), e.defaultText(), e.overridden() ? e.text() : null,
                choices);
    }

    /** Stores what was typed for {@code key}; a value the setting cannot take changes nothing and says why. */
    public void save(String key) {
        change(key, edits.get(key));
    }

    /** Switches {@code /mcp} on again: the one setting MCP administrators cannot change over MCP while it is off. */
    public void enableServer() {
        change(SettingKey.SERVER_ENABLED.key(), "true");
    }

    private void change(String key, String text) {
        Optional<SettingKey> found = SettingKey.byKey(key);
        if (found.isEmpty()) {
            Console.refused(new InvalidRequest("Unknown setting '" + key + "'"));
            return;
        }
        JsonObject params = Jsons.createObjectBuilder().add("key", key).add("value", String.valueOf(text)).build();
        try {
            settings.set(found.get(), text, console.getLogin());
        } catch (IllegalArgumentException e) {
            // The service's own message names the key and what it expects, as set_setting answers it.
            errors.put(key, e.getMessage());
            console.audited("set_setting", null, params, null, new InvalidRequest(e.getMessage()));
            return;
        }
        console.audited("set_setting", null, params, null, null);
        errors.remove(key);
        Console.info(key + " is now " + shown(text) + "; it applies at once.");
        reload();
    }

    /** Removes the stored value, so the deployment's default applies again. */
    public void reset(String key) {
        Optional<SettingKey> found = SettingKey.byKey(key);
        if (found.isEmpty()) {
            Console.refused(new InvalidRequest("Unknown setting '" + key + "'"));
            return;
        }
        settings.reset(found.get(), console.getLogin());
        console.audited("reset_setting", null, Jsons.createObjectBuilder().add("key", key).build(), null, null);
        errors.remove(key);
        Console.info(key + " is back to its default, " + shown(settings.defaultText(found.get())) + ".");
        reload();
    }

    private void reload() {
        edits.clear();
        load();
    }

    private static String shown(String text) {
        return text == null || text.isEmpty() ? "empty" : "\"" + text + "\"";
    }

    public List<Row> getRows() {
        return rows;
    }

    public Map<String, String> getEdits() {
        return edits;
    }

    public Map<String, String> getErrors() {
        return errors;
    }

    /** Whether {@code /mcp} is switched off, which the page says before anything else. */
    public boolean isServerDisabled() {
        return !settings.getBoolean(SettingKey.SERVER_ENABLED);
    }
}
