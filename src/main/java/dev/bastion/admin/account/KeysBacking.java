package dev.bastion.admin.account;

import dev.bastion.access.ApiKeys;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code /admin/account/keys.xhtml}: the signed-in user's API keys. */
@Named
@ViewScoped
public class KeysBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = Console.API_KEYS;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FIELDS = List.of("name", "key_prefix", "create_date", "last_used", "expires_at",
            "revoked_at");

    /** One key as listed; times are in the user's time zone, as the engine gives them. */
    public record Row(long id, String name, String prefix, String created, String lastUsed, String expires,
                      String revoked) implements Serializable {
        public boolean isActive() {
            return revoked == null;
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    ApiKeys keys;

    private List<Row> rows = List.of();
    private String name;
    private LocalDate expiresOn;
    private String issuedKey;
    private String issuedName;

    @PostConstruct
    void load() {
        CallContext me = console.context();
        // The rule "own keys" already hides others' keys from internal users; administrators see
        // every key, so "My account" asks for the caller's own explicitly.
        JsonArray domain = Jsons.createArrayBuilder()
                .add(Jsons.createArrayBuilder().add("user_id").add("=").add(me.uid())).build();
        try {
            rows = records.search(me, MODEL, domain, FIELDS, 0, null, "id desc").records().stream()
                    .map(JsonValue::asJsonObject).map(KeysBacking::row).toList();
        } catch (OrmException e) {
            rows = List.of();
            Console.refused(e);
        }
    }

    private static Row row(JsonObject r) {
        return new Row(r.getJsonNumber("id").longValue(), r.getString("name"), r.getString("key_prefix"),
                text(r, "create_date"), text(r, "last_used"), text(r, "expires_at"), text(r, "revoked_at"));
    }

    /**
     * A datetime the engine wrote (ISO 8601 with offset, in the user's time zone) to the minute, or
     * null for {@code false} (Odoo's empty value).
     */
    private static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? OffsetDateTime.parse(s.getString()).format(MINUTES) : null;
    }

    /** Issues a key; it stays on the page until the user leaves it, and is never shown again. */
    public void issue() {
        CallContext me = console.context();
        // An expiry date means "valid through that day" in the user's own time zone.
        LocalDateTime expires = expiresOn == null ? null
                : expiresOn.plusDays(1).atStartOfDay(me.tz()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        JsonObject params = Jsons.createObjectBuilder().add("name", String.valueOf(name))
                .add("expires_at", String.valueOf(expires)).build();
        try {
            ApiKeys.Issued issued = keys.issueOwn(me.uid(), name, expires);
            console.audited("issue_key", MODEL, params, Console.touched(MODEL, "create", issued.id()), null);
            issuedKey = issued.key();
            issuedName = name.strip();
            name = null;
            expiresOn = null;
            load();
        } catch (OrmException e) {
            console.audited("issue_key", MODEL, params, null, e);
            Console.refused(e);
        }
    }

    /** Revokes one of the user's keys through the data engine, with their own rights. */
    public void revoke(Row key) {
        if (console.call(MODEL, "action_revoke", "revoke_key", key.id())) {
            Console.info("Key \"" + key.name() + "\" (" + key.prefix() + "…) revoked: it is refused from now on.");
            load();
        }
    }

    public void dismissIssued() {
        issuedKey = null;
        issuedName = null;
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
    }

    /** The zone the table's times are in: the user's own. */
    public String getTimeZone() {
        return console.context().tz().getId();
    }

    public LocalDate getTomorrow() {
        return LocalDate.now(console.context().tz()).plusDays(1);
    }

    public String getIssuedKey() {
        return issuedKey;
    }

    public String getIssuedName() {
        return issuedName;
    }
}
