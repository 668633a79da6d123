package dev.bastion.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An authorization code as stored: its SHA-256, what it was issued for, and when it was
 * redeemed (a code is good once; a second redemption revokes its grant, OAuth 2.1 section 4.1.3).
 */
@Entity(name = "OAuthCode")
@Table(name = "oauth_code")
class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    String hash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "grant_id")
    OAuthGrant grant;

    @Column(name = "redirect_uri")
    String redirectUri;

    @Column(name = "code_challenge")
    String codeChallenge;

    String scopes;

    String resource;

    @Column(name = "expires_at")
    LocalDateTime expires;

    @Column(name = "used_at")
    LocalDateTime used;

    protected AuthorizationCode() {
    }

    AuthorizationCode(String hash, OAuthGrant grant, String redirectUri, String codeChallenge, String scopes,
                      String resource, LocalDateTime expires) {
        this.hash = hash;
        this.grant = grant;
        this.redirectUri = redirectUri;
        this.codeChallenge = codeChallenge;
        this.scopes = scopes;
        this.resource = resource;
        this.expires = expires;
    }
}
