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
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/access/oauth-grants.xhtml}: every user's OAuth connections ({@code oauth.grant}),
 * newest first, a page at a time, narrowed by user or application; revoke one
 * ({@code action_revoke} through the data engine, as {@code method_call} does): its tokens are
 * refused from the next request on.
 */
@Named
@ViewScoped
public class OAuthGrantsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "oauth.grant";
    private static final List<String> FIELDS = List.of("user_id", "client_name", "client_id", "scopes", "create_date",
            "last_used", "revoked_at", "revoke_reason");

    /** One connection as listed; times in the administrator's time zone. */
    public record Row(long id, String user, String client, String clientId, String scopes, String connected,
                      String lastUsed, String revoked, String reason) implements Serializable {
        public boolean isActive() {
            return revoked == null;
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;
    private String filter;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, "id desc", this::domain, OAuthGrantsBacking::row,
                Row::id);
    }

    /** Every connection, or those whose user's login or application's name contains the filter. */
    private JsonArray domain() {
        if (filter == null || filter.isBlank()) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return Jsons.createArrayBuilder().add("|")
                .add(Jsons.createArrayBuilder().add("user_id.login").add("ilike").add(filter.strip()))
                .add(Jsons.createArrayBuilder().add("client_name").add("ilike").add(filter.strip())).build();
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.refName(r, "user_id"), RecordValues.text(r, "client_name"),
                RecordValues.text(r, "client_id"), RecordValues.text(r, "scopes"), RecordValues.minutes(r, "create_date"),
                RecordValues.minutes(r, "last_used"), RecordValues.minutes(r, "revoked_at"),
                RecordValues.text(r, "revoke_reason"));
    }

    public void search() {
        RecordPages.firstPage("list:grants");
    }

    /** Revokes a connection through the engine: its access and refresh tokens are refused from now on. */
    public void revoke(Row grant) {
        if (console.call(MODEL, "action_revoke", "revoke_connection", grant.id())) {
            Console.info("Connection of \"" + grant.client() + "\" for " + grant.user()
                    + " revoked: its tokens are refused from now on.");
        }
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
