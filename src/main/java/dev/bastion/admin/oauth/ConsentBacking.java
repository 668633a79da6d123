package dev.bastion.admin.oauth;

import dev.bastion.access.Scopes;
import dev.bastion.admin.Console;
import dev.bastion.audit.AuthorizationAudit;
import dev.bastion.json.Jsons;
import dev.bastion.oauth.AuthorizationRequest;
import dev.bastion.oauth.AuthorizationServer;
import dev.bastion.oauth.PendingAuthorizations;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/oauth/consent.xhtml}: the signed-in user allows or denies an application's
 * authorization request. A request the user already allowed for that client with at least these
 * scopes is answered at once, without asking again. The page cannot be framed (clickjacking).
 */
@Named
@ViewScoped
public class ConsentBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> MEANING = Map.of(
            Scopes.READ, "Read your data: search, read, count and aggregate records, resources and prompts",
            Scopes.WRITE, "Change your data: create, update and delete records, call business methods",
            Scopes.ADMIN, "Administer Bastion: MCP sessions and server settings");

    /** A scope as the page explains it. */
    public record ScopeRow(String name, String meaning) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    AuthorizationServer server;

    @Inject
    AuthorizationAudit audit;

    private String request;
    private AuthorizationRequest pending;

    /** Loads the waiting request; answers at once when the user already allowed it. */
    public void load() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        HttpServletRequest http = (HttpServletRequest) external.getRequest();
        pending = PendingAuthorizations.get(http.getSession(false), request).orElse(null);
        if (pending != null && server.remembered(console.context().uid(), pending)) {
            finish(true);
        }
    }

    public void allow() throws IOException {
        finish(false);
    }

    public void deny() throws IOException {
        HttpServletRequest http = http();
        AuthorizationRequest taken = PendingAuthorizations.take(http.getSession(false), request).orElse(null);
        if (taken == null) {
            pending = null;
            return;
        }
        audit.event(http, console.context().uid(), console.getLogin(), taken.clientId(), "authorize", "access_denied",
                302, Jsons.createObjectBuilder().add("scope", Scopes.format(taken.scopes()))
                        .add("error_description", "the user declined").build());
        redirect(AuthorizationServer.deny(taken, "access_denied", "The user declined the authorization request"));
    }

    private void finish(boolean remembered) throws IOException {
        HttpServletRequest http = http();
        AuthorizationRequest taken = PendingAuthorizations.take(http.getSession(false), request).orElse(null);
        if (taken == null) {
            pending = null;
            return;
        }
        AuthorizationServer.Approval approval = server.approve(console.context().uid(), taken);
        audit.event(http, console.context().uid(), console.getLogin(), taken.clientId(), "authorize",
                approval.granted() ? null : "access_denied", 302, Jsons.createObjectBuilder()
                        .add("scope", Scopes.format(taken.scopes())).add("remembered", remembered)
                        .add("resource", taken.resource())
                        .add("error_description", approval.granted() ? "" : approval.why()).build());
        redirect(approval.redirect());
    }

    private static HttpServletRequest http() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    private static void redirect(String url) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().redirect(url);
        faces.responseComplete();
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }

    public AuthorizationRequest getPending() {
        return pending;
    }

    public List<ScopeRow> getScopes() {
        return pending == null ? List.of() : Scopes.SUPPORTED.stream().filter(pending.scopes()::contains)
                .map(s -> new ScopeRow(s, MEANING.get(s))).toList();
    }
}
