package dev.bastion.oauth;

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
 * A user's consent for one client: the scopes they allowed, remembered so the next sign-in of
 * the same client asks nothing, and the root of every code and token issued under it.
 * Revoking it (the user, an administrator, or the server when a rotated refresh token comes back)
 * kills all of them at once. Users see their own connections, administrators all.
 */
@Entity(name = "OAuthGrant")
@Table(name = "oauth_grant")
@Model(name = "oauth.grant", label = "OAuth Connection", module = "base", order = "user_id, id",
        description = "The OAuth connections users allowed: which client, which scopes, when last used. Revoke one "
                + "with method_call oauth.grant action_revoke: its tokens are refused from the next request on")
public class OAuthGrant {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "oauth_grant_seq")
    @SequenceGenerator(name = "oauth_grant_seq", sequenceName = "oauth_grant_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    @Field(label = "User", required = true, readonly = true)
    User user;

    @Column(name = "client_id")
    @Field(name = "client_id", label = "Client ID", readonly = true)
    String clientId;

    @Column(name = "client_name")
    @Field(name = "client_name", label = "Client", readonly = true)
    String clientName;

    @Field(label = "Scopes", help = "What the user allowed: mcp:read, mcp:write, mcp:admin", readonly = true)
    String scopes;

    @Column(name = "create_date")
    @Field(name = "create_date", label = "Connected On", readonly = true)
    LocalDateTime created;

    @Column(name = "last_used")
    @Field(name = "last_used", label = "Last Used", help = "When a token was last issued under it", readonly = true)
    LocalDateTime lastUsed;

    @Column(name = "revoked_at")
    @Field(name = "revoked_at", label = "Revoked On", help = "Empty while the connection works", readonly = true)
    LocalDateTime revoked;

    @Column(name = "revoke_reason")
    @Field(name = "revoke_reason", label = "Revoked Because", readonly = true)
    String revokeReason;

    @Version
    long version;

    protected OAuthGrant() {
    }

    OAuthGrant(User user, String clientId, String clientName, String scopes, LocalDateTime now) {
        this.user = user;
        this.clientId = clientId;
        this.clientName = clientName;
        this.scopes = scopes;
        this.created = now;
        this.lastUsed = now;
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientName() {
        return clientName;
    }

    public String getScopes() {
        return scopes;
    }

    public LocalDateTime getLastUsed() {
        return lastUsed;
    }

    public LocalDateTime getRevoked() {
        return revoked;
    }

    boolean live() {
        return revoked == null;
    }

    void used(LocalDateTime at, String newScopes) {
        lastUsed = at;
        if (newScopes != null) {
            scopes = newScopes;
        }
    }

    void revoke(LocalDateTime at, String reason) {
        if (revoked == null) {
            revoked = at;
            revokeReason = reason;
        }
    }
}
