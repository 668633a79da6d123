package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.json.Jsons;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/access/oauth-clients.xhtml}: the applications that may ask users to connect them
 * over OAuth ({@code oauth.client}), those an administrator registered and those that registered
 * themselves; register one (client id, name, redirect URIs), edit, archive or delete it. Through
 * the data engine, which checks the redirect URIs as those of self-registered clients are.
 */
@Named
@ViewScoped
public class OAuthClientsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "oauth.client";
    private static final List<String> FIELDS = List.of("client_id", "name", "redirect_uris", "registration",
            "create_date", "active");

    /** One client as listed; the date in the administrator's time zone. */
    public record Row(long id, String clientId, String name, String redirectUris, String registration, String created,
                      boolean active) implements Serializable {
        /** The redirect URIs, one per line as stored. */
        public List<String> uris() {
            return redirectUris == null ? List.of() : redirectUris.lines().map(String::strip).filter(u -> !u.isEmpty())
                    .toList();
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;
    private Long editing;
    private String clientId;
    private String name;
    private String redirectUris;
    private boolean active = true;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, null, OAuthClientsBacking::domain,
                OAuthClientsBacking::row, Row::id);
    }

    /** Archived clients too: an administrator restores them here. */
    private static JsonArray domain() {
        return Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("active").add("in")
                .add(Jsons.createArrayBuilder().add(true).add(false))).build();
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "client_id"), RecordValues.text(r, "name"),
                RecordValues.text(r, "redirect_uris"), RecordValues.text(r, "registration"),
                RecordValues.minutes(r, "create_date"), RecordValues.bool(r, "active"));
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("client_id", RecordValues.typed(clientId))
                .add("name", RecordValues.typed(name)).add("redirect_uris", RecordValues.typed(redirectUris))
                .add("active", active).build();
        if (console.save(MODEL, "oauth_client", editing, values).isPresent()) {
            Console.info("OAuth client \"" + values.getString("name") + "\" saved: "
                    + (active ? "it may ask users to connect it." : "archived, it starts no authorization."));
            clear();
        }
    }

    public void edit(Row client) {
        editing = client.id();
        clientId = client.clientId();
        name = client.name();
        redirectUris = client.redirectUris();
        active = client.active();
    }

    public void delete(Row client) {
        if (console.delete(MODEL, "oauth_client", client.id())) {
            Console.info("OAuth client \"" + client.name() + "\" deleted.");
            if (client.id() == (editing == null ? -1 : editing)) {
                clear();
            }
        }
    }

    public void clear() {
        editing = null;
        clientId = null;
        name = null;
        redirectUris = null;
        active = true;
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRedirectUris() {
        return redirectUris;
    }

    public void setRedirectUris(String redirectUris) {
        this.redirectUris = redirectUris;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
