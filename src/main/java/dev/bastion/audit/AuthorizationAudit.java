package dev.bastion.audit;

import dev.bastion.access.edge.ClientAddress;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audit entries of the embedded OAuth authorization server, which no MCP request carries: every
 * grant (consent, code exchange), refresh, refusal and revocation, as method {@code oauth/<action>},
 * the client as target and {@code oauth_client}, the outcome {@code ok} or {@code denied}.
 * Details are never secrets: codes and tokens are not passed here.
 */
@ApplicationScoped
public class AuthorizationAudit {

    @Inject
    AuditWriter writer;

    @Inject
    ClientAddress addresses;

    @Inject
    @ConfigProperty(name = "bastion.audit.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * @param uid     the user, when known
     * @param login   their login, when known
     * @param client  the {@code client_id}, when known
     * @param action  what happened: {@code authorize}, {@code token}, {@code refresh}, {@code revoke}, {@code register}
     * @param refused the OAuth error code when it was refused, else null
     * @param status  the HTTP status answered
     * @param details what the entry keeps besides (scopes, error description, grant id), or null
     */
    public void event(HttpServletRequest http, Long uid, String login, String client, String action, String refused,
                      int status, JsonObject details) {
        if (!enabled) {
            return;
        }
        IPAddress ip = addresses.of(http);
        writer.append(new AuditRecord(LocalDateTime.now(ZoneOffset.UTC), uid, login, null, null, null, null, null, null,
                "oauth/" + action, null, client, "oauth.grant", null,
                details == null ? null : details.toString(), refused == null ? "ok" : "denied", null, status,
                ip == null ? http.getRemoteAddr() : ip.toCanonicalString(), http.getHeader("User-Agent"), 0, 0, client));
    }
}
