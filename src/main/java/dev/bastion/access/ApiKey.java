package dev.bastion.access;

import dev.bastion.erp.base.User;
import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/**
 * An API key of a user, as stored: a prefix to find it by and the SHA-256 of the whole key to
 * check it. The key itself exists only in the answer that issued it. Times are UTC.
 */
@Entity(name = "ApiKey")
@Table(name = "res_users_apikey")
@Model(name = "res.users.apikeys", label = "API Key", module = "base", order = "user_id, id",
        description = "API keys of users (Authorization: Bearer on /mcp). Issue one with method_call "
                + "res.users action_create_api_key; revoke with res.users.apikeys action_revoke")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_users_apikey_seq")
    @SequenceGenerator(name = "res_users_apikey_seq", sequenceName = "res_users_apikey_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    @Field(label = "User", required = true, readonly = true)
    User user;

    @Field(label = "Description", help = "What the key is for, e.g. 'Claude Desktop on my laptop'", required = true)
    String name;

    @Column(name = "key_prefix")
    @Field(name = "key_prefix", label = "Key Prefix", help = "The first characters of the key, to recognise it", readonly = true)
    String prefix;

    @Column(name = "key_hash")
    @Field(exposed = false)
    String hash;

    @Column(name = "create_date")
    @Field(name = "create_date", label = "Created On", readonly = true)
    LocalDateTime created;

    @Column(name = "expires_at")
    @Field(name = "expires_at", label = "Expires On", help = "The key is refused from then on; empty for no expiry", readonly = true)
    LocalDateTime expires;

    @Column(name = "last_used")
    @Field(label = "Last Used", readonly = true)
    LocalDateTime lastUsed;

    @Field(label = "Scopes", help = "What the key is narrowed to (mcp:read, mcp:write, mcp:admin; each implies the ones "
            + "before it); empty for everything the user may do", readonly = true)
    String scopes;

    @Column(name = "revoked_at")
    @Field(name = "revoked_at", label = "Revoked On", help = "Empty while the key is valid", readonly = true)
    LocalDateTime revoked;

    @Version
    long version;

    protected ApiKey() {
    }

    ApiKey(User user, String name, String prefix, String hash, LocalDateTime created, LocalDateTime expires,
           String scopes) {
        this.user = user;
        this.scopes = scopes;
        this.name = name;
        this.prefix = prefix;
        this.hash = hash;
        this.created = created;
        this.expires = expires;
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    String getHash() {
        return hash;
    }

    public LocalDateTime getExpires() {
        return expires;
    }

    /** The space-separated scopes the key is narrowed to, or null for all. */
    public String getScopes() {
        return scopes;
    }

    public LocalDateTime getRevoked() {
        return revoked;
    }

    void revoke(LocalDateTime at) {
        if (revoked == null) {
            revoked = at;
        }
    }

    /** Whether the key may authenticate at {@code now} (UTC). */
    boolean validAt(LocalDateTime now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
