package dev.bastion.settings;

import dev.bastion.platform.DatabaseReady;
import dev.bastion.platform.cluster.Grid;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed, cached access to the live settings. A read never queries: the cache holds every
 * key's current value, filled from the database when it is ready and updated after each
 * committed change. Until the database is ready, reads give the MicroProfile Config defaults.
 * In a cluster a committed change names its key on the grid's topic {@code settings}; every
 * other node reads that row again before the changing call answers (up to
 * {@code bastion.cluster.delivery-wait-ms}), so the next request to any node sees the new value.
 */
@ApplicationScoped
public class SettingsService {

    private static final Logger LOG = Logger.getLogger(SettingsService.class.getName());

    @Inject
    Config config;

    @Inject
    EntityManager em;

    @Inject
    Event<SettingChanged> changed;

    @Inject
    Event<StoredSetting> stored;

    @Inject
    Grid grid;

    /** How long a change waits for the other nodes to take it. */
    @Inject
    @ConfigProperty(name = "bastion.cluster.delivery-wait-ms", defaultValue = "2000")
    long deliveryWaitMillis;

    private final Map<SettingKey, Object> current = new ConcurrentHashMap<>();
    private final Map<SettingKey, String> overrides = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** A committed change, turned into a cache update and a {@link SettingChanged}. */
    record StoredSetting(SettingKey key, String text, String changedBy) {
    }

    /** What the other nodes of a cluster are told of a committed change: read that row again. */
    record StoredElsewhere(String key, String changedBy) implements Serializable {
    }

    /**
     * The default text of {@code key}: its MicroProfile Config value. MicroProfile Config
     * reads an empty value as absent, so an absent list (of items or of CIDRs) is the empty list.
     */
    public String defaultText(SettingKey key) {
        Optional<String> configured = config.getOptionalValue(key.key(), String.class);
        if (configured.isEmpty() && (key.type() == SettingType.LIST || key.type() == SettingType.ORIGINS
                || key.type() == SettingType.CIDRS)) {
            return "";
        }
        return configured.orElseThrow(() -> new IllegalStateException("No default for setting "
                + key.key() + " in microprofile-config.properties"));
    }

    void loadWhenReady(@Observes DatabaseReady ready) {
        // Listen first: a change another node commits while this one loads is not missed.
        if (grid.clustered()) {
            grid.<StoredElsewhere>topic("settings").subscribe(this::storedElsewhere);
        }
        for (Setting row : em.createQuery("select s from Setting s", Setting.class).getResultList()) {
            SettingKey.byKey(row.key()).ifPresent(key -> overrides.put(key, row.value()));
        }
        for (SettingKey key : SettingKey.values()) {
            current.put(key, key.parse(textOf(key)));
        }
    }

    /** Another node committed a change of {@code change.key()}: its row as it is now replaces the cached value. */
    private void storedElsewhere(StoredElsewhere change) {
        SettingKey.byKey(change.key()).ifPresent(key -> {
            Setting row = em.find(Setting.class, key.key());
            apply(new StoredSetting(key, row == null ? null : row.value(), change.changedBy()), true);
        });
    }

    private String textOf(SettingKey key) {
        return Optional.ofNullable(overrides.get(key)).orElseGet(() -> defaultText(key));
    }

    private Object value(SettingKey key) {
        return current.computeIfAbsent(key, k -> k.parse(defaultText(k)));
    }

    public boolean getBoolean(SettingKey key) {
        return (Boolean) typed(key, SettingType.BOOLEAN);
    }

    public long getCount(SettingKey key) {
        return (Long) typed(key, SettingType.COUNT);
    }

    public Duration getDuration(SettingKey key) {
        return (Duration) typed(key, SettingType.DURATION);
    }

    /** The items of a {@link SettingType#LIST} or {@link SettingType#ORIGINS} setting. */
    @SuppressWarnings("unchecked")
    public List<String> getList(SettingKey key) {
        return (List<String>) typed(key, key.type() == SettingType.ORIGINS ? SettingType.ORIGINS : SettingType.LIST);
    }

    /** The address blocks of a {@link SettingType#CIDRS} setting (single addresses are blocks of one). */
    @SuppressWarnings("unchecked")
    public List<IPAddress> getCidrs(SettingKey key) {
        return (List<IPAddress>) typed(key, SettingType.CIDRS);
    }

    /** The value of a {@link SettingType#CHOICE} or {@link SettingType#TEXT} setting. */
    public String getText(SettingKey key) {
        if (key.type() != SettingType.CHOICE && key.type() != SettingType.TEXT) {
            throw new IllegalArgumentException(key.key() + " is a " + key.type() + " setting");
        }
        return (String) value(key);
    }

    private Object typed(SettingKey key, SettingType type) {
        if (key.type() != type) {
            throw new IllegalArgumentException(key.key() + " is a " + key.type() + " setting, not " + type);
        }
        return value(key);
    }

    /** One setting as it stands, as the administrator wrote it (e.g. {@code 30s}), for messages that name it. */
    public Entry entry(SettingKey key) {
        return new Entry(key, textOf(key), defaultText(key), overrides.containsKey(key));
    }

    /** Every setting as it stands, for the admin pages and the system resource. */
    public Map<SettingKey, Entry> snapshot() {
        Map<SettingKey, Entry> all = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            all.put(key, entry(key));
        }
        return all;
    }

    /** One setting's stored text, its default and whether an admin overrode it. */
    public record Entry(SettingKey key, String text, String defaultText, boolean overridden) {
    }

    /**
     * Stores {@code text} for {@code key} after checking it; the cache and observers see it
     * once the transaction commits.
     *
     * @throws IllegalArgumentException naming the key and what it expects, storing nothing
     */
    @Transactional
    public void set(SettingKey key, String text, String changedBy) {
        key.parse(text);
        Setting row = em.find(Setting.class, key.key());
        if (row == null) {
            row = new Setting(key.key());
            em.persist(row);
        }
        row.change(text, changedBy, LocalDateTime.now(clock));
        stored.fire(new StoredSetting(key, text, changedBy));
    }

    /** Removes the admin's value so the MicroProfile Config default applies again. */
    @Transactional
    public void reset(SettingKey key, String changedBy) {
        Setting row = em.find(Setting.class, key.key());
        if (row != null) {
            em.remove(row);
            stored.fire(new StoredSetting(key, null, changedBy));
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) StoredSetting change) {
        apply(change, false);
        if (grid.clustered()) {
            try {
                grid.topic("settings").publish(new StoredElsewhere(change.key().key(), change.changedBy()),
                        Duration.ofMillis(deliveryWaitMillis));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cluster: the other nodes could not be told that " + change.key().key()
                        + " changed; they see it after their restart", e);
            }
        }
    }

    private void apply(StoredSetting change, boolean fromAnotherNode) {
        if (change.text() == null) {
            overrides.remove(change.key());
        } else {
            overrides.put(change.key(), change.text());
        }
        Object before = current.get(change.key());
        Object after = change.key().parse(textOf(change.key()));
        current.put(change.key(), after);
        SettingChanged event = new SettingChanged(change.key(), before, after, change.changedBy(), fromAnotherNode);
        changed.fire(event);
        changed.fireAsync(event);
    }
}
