package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;

/** {@code /admin/access/keys.xhtml}: the API keys of every user, newest first, a page at a time; revoke one. */
@Named
@ViewScoped
public class ApiKeysBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = Console.API_KEYS;
    private static final List<String> FIELDS = List.of("name", "user_id", "key_prefix", "create_date", "last_used",
            "expires_at", "revoked_at");

    /** One key as listed; times in the administrator's time zone. */
    public record Row(long id, String name, String owner, String prefix, String created, String lastUsed, String expires,
                      String revoked) implements Serializable {
        public boolean isActive() {
            return revoked == null;
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, "id desc", () -> JsonValue.EMPTY_JSON_ARRAY,
                ApiKeysBacking::row, Row::id);
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "name"), RecordValues.refName(r, "user_id"),
                RecordValues.text(r, "key_prefix"), RecordValues.minutes(r, "create_date"),
                RecordValues.minutes(r, "last_used"), RecordValues.minutes(r, "expires_at"),
                RecordValues.minutes(r, "revoked_at"));
    }

    /** Revokes a key through the engine ({@code action_revoke}): refused on the very next request. */
    public void revoke(Row key) {
        if (console.call(MODEL, "action_revoke", "revoke_key", key.id())) {
            Console.info("Key \"" + key.name() + "\" of " + key.owner() + " (" + key.prefix()
                    + "…) revoked: it is refused from now on.");
        }
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
