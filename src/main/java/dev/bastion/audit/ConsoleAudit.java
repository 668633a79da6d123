package dev.bastion.audit;

import dev.bastion.access.edge.ClientAddress;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audit entries for what people do in the admin console, which the MCP transport's events do
 * not see: method {@code console/<action>}, the signed-in user, the record ids touched, the
 * parameters (never a secret: callers pass what the user typed, not what the server issued),
 * the outcome, address and browser.
 */
@ApplicationScoped
public class ConsoleAudit {

    @Inject
    AuditWriter writer;

    @Inject
    ClientAddress addresses;

    @Inject
    @ConfigProperty(name = "bastion.audit.enabled", defaultValue = "true")
    boolean enabled;

    /**
     * Records one console action.
     *
     * @param failure the engine's refusal when the action failed, or null
     */
    public void action(HttpServletRequest http, CallContext who, String action, String model, JsonObject params,
                       JsonObject records, OrmException failure) {
        if (!enabled) {
            return;
        }
        IPAddress ip = addresses.of(http);
        String outcome = failure == null ? "ok" : failure instanceof AccessDenied ? "denied" : "tool_error";
        writer.append(new AuditRecord(LocalDateTime.now(ZoneOffset.UTC), who.uid(), who.login(), null, null, null,
                null, "admin console", null, "console/" + action, null, action, model,
                records == null ? null : records.toString(), params == null ? null : params.toString(), outcome, null,
                200, ip == null ? http.getRemoteAddr() : ip.toCanonicalString(), http.getHeader("User-Agent"), 0, 0, null));
    }
}
