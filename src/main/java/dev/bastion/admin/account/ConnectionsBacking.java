package dev.bastion.admin.account;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code /admin/account/connections.xhtml}: the applications the signed-in user connected over
 * OAuth ({@code oauth.grant}, read through the data engine with their own rights), and revoking
 * one. The administrators' view of everyone's connections belongs to the console's access screens.
 */
@Named
@ViewScoped
public class ConnectionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "oauth.grant";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FIELDS = List.of("client_name", "client_id", "scopes", "create_date", "last_used",
            "revoked_at");

    /** One connection as listed; times in the user's time zone. */
    public record Row(long id, String client, String clientId, String scopes, String connected, String lastUsed,
                      String revoked) implements Serializable {
        public boolean isActive() {
            return revoked == null;
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private List<Row> rows = List.of();

    @PostConstruct
    void load() {
        CallContext me = console.context();
        // Administrators read every connection: "My account" asks for the caller's own.
        JsonArray domain = Jsons.createArrayBuilder()
                .add(Jsons.createArrayBuilder().add("user_id").add("=").add(me.uid())).build();
        try {
            rows = records.search(me, MODEL, domain, FIELDS, 0, null, "id desc").records().stream()
                    .map(JsonValue::asJsonObject).map(ConnectionsBacking::row).toList();
        } catch (OrmException e) {
            rows = List.of();
            Console.refused(e);
        }
    }

    private static Row row(JsonObject r) {
        return new Row(r.getJsonNumber("id").longValue(), r.getString("client_name"), r.getString("client_id"),
                r.getString("scopes"), text(r, "create_date"), text(r, "last_used"), text(r, "revoked_at"));
    }

    private static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? OffsetDateTime.parse(s.getString()).format(MINUTES) : null;
    }

    /** Revokes one of the user's connections through the data engine: its tokens are refused from now on. */
    public void revoke(Row connection) {
        try {
            records.call(console.context(), MODEL, "action_revoke", List.of(connection.id()), JsonValue.EMPTY_JSON_ARRAY,
                    JsonValue.EMPTY_JSON_OBJECT);
            console.audited("revoke_connection", MODEL, null, Console.touched(MODEL, "call", connection.id()), null);
            Console.info("Connection of \"" + connection.client() + "\" revoked: it must ask you to sign in again.");
            load();
        } catch (OrmException e) {
            console.audited("revoke_connection", MODEL, null, Console.touched(MODEL, "call", connection.id()), e);
            Console.refused(e);
        }
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
