package dev.bastion.oauth;

import dev.bastion.json.Jsons;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * An OAuth client known to the embedded authorization server: registered by an administrator
 * through the data engine ({@code create} on {@code oauth.client}) or by the client itself
 * (Dynamic Client Registration, RFC 7591). Clients that name themselves by the URL of a Client
 * ID Metadata Document have no row: their document is the registration. Every client is public
 * (no secret): PKCE S256 protects its codes.
 */
@Entity(name = "OAuthClient")
@Table(name = "oauth_client")
@Model(name = "oauth.client", label = "OAuth Client", module = "base", order = "name, id",
        description = "Applications that may ask users to connect them to Bastion over OAuth (Claude.ai, ChatGPT, "
                + "an IDE...): pre-registered by administrators or registered dynamically (RFC 7591)")
public class OAuthClient {

    static final String BY_ADMIN = "admin";
    static final String DYNAMIC = "dynamic";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "oauth_client_seq")
    @SequenceGenerator(name = "oauth_client_seq", sequenceName = "oauth_client_seq", allocationSize = 50)
    Long id;

    @Column(name = "client_id")
    @Field(name = "client_id", label = "Client ID", help = "What the client sends as client_id", required = true)
    String clientId;

    @Field(label = "Name", help = "Shown to users on the consent page", required = true)
    String name;

    @Column(name = "redirect_uris")
    @Field(name = "redirect_uris", label = "Redirect URIs", type = FieldType.TEXT, required = true,
            help = "One per line: the only addresses codes are sent to (exact match)")
    String redirectUris;

    @Field(label = "Registration", help = "admin: created by an administrator; dynamic: registered by the client itself",
            readonly = true, type = FieldType.SELECTION, selection = {"admin", "dynamic"})
    String registration = BY_ADMIN;

    @Column(name = "create_date")
    @Field(name = "create_date", label = "Created On", readonly = true)
    LocalDateTime created;

    @Field(help = "Archived clients cannot start new authorizations")
    boolean active = true;

    @Version
    long version;

    protected OAuthClient() {
    }

    /** Rows an administrator creates through the data engine get their date here, and the checks below. */
    @PrePersist
    void stamp() {
        check();
        if (created == null) {
            created = Tokens.now();
        }
    }

    /**
     * The redirect URIs an administrator types get the checks of those a client registers itself
     * (RFC 8252: HTTPS, loopback HTTP or a native app's scheme), whoever writes them: the console,
     * {@code create} or {@code write} over MCP.
     */
    @PreUpdate
    void check() {
        List<String> uris = redirectUriList();
        if (uris.isEmpty()) {
            throw new InvalidRequest("redirect_uris of OAuth client '" + clientId + "': list at least one redirect URI, "
                    + "one per line");
        }
        try {
            ClientRegistry.redirectUris(Jsons.createArrayBuilder(uris).build());
        } catch (OAuthRefusal e) {
            throw new InvalidRequest("redirect_uris of OAuth client '" + clientId + "': " + e.getMessage());
        }
    }

    OAuthClient(String clientId, String name, List<String> redirectUris, String registration, LocalDateTime created) {
        this.clientId = clientId;
        this.name = name;
        this.redirectUris = String.join("\n", redirectUris);
        this.registration = registration;
        this.created = created;
    }

    public String getClientId() {
        return clientId;
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }

    List<String> redirectUriList() {
        return redirectUris == null ? List.of()
                : Arrays.stream(redirectUris.split("\\R")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    }
}
