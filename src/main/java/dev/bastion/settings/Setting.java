package dev.bastion.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/** One stored setting: the admin's value, overriding the MicroProfile Config default. */
@Entity
@Table(name = "bastion_setting")
public class Setting {

    @Id
    @Column(name = "setting_key", length = 128)
    private String key;

    @Column(name = "setting_value", length = 4000)
    private String value;

    @Column(name = "updated_at", nullable = false)
    /** UTC; EclipseLink 4 (JPA 3.1) cannot map {@code Instant}. */
    private LocalDateTime updatedAt;

    @Column(name = "updated_by", length = 128)
    private String updatedBy;

    @Version
    private long version;

    protected Setting() {
    }

    Setting(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    void change(String newValue, String by, LocalDateTime atUtc) {
        this.value = newValue;
        this.updatedBy = by;
        this.updatedAt = atUtc;
    }
}
