package dev.bastion.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An access or refresh token as stored: its SHA-256 (the token itself is only in the answer
 * that issued it), its grant, scopes and audience. A refresh token is {@link #used} when it is
 * rotated: presenting it again revokes the whole grant (OAuth 2.1 section 4.3.1).
 */
@Entity(name = "OAuthToken")
@Table(name = "oauth_token")
class IssuedToken {

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    @Id
    @Column(name = "token_hash")
    String hash;

    String kind;

    @ManyToOne(optional = false)
    @JoinColumn(name = "grant_id")
    OAuthGrant grant;

    String scopes;

    String resource;

    @Column(name = "create_date")
    LocalDateTime created;

    @Column(name = "expires_at")
    LocalDateTime expires;

    @Column(name = "used_at")
    LocalDateTime used;

    @Column(name = "revoked_at")
    LocalDateTime revoked;

    protected IssuedToken() {
    }

    IssuedToken(String hash, String kind, OAuthGrant grant, String scopes, String resource, LocalDateTime created,
                LocalDateTime expires) {
        this.hash = hash;
        this.kind = kind;
        this.grant = grant;
        this.scopes = scopes;
        this.resource = resource;
        this.created = created;
        this.expires = expires;
    }

    /** Valid at {@code now}: unexpired, unrevoked, its grant live. */
    boolean validAt(LocalDateTime now) {
        return revoked == null && now.isBefore(expires) && grant.live();
    }
}
