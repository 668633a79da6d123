package dev.bastion.admin.account;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.LiveSessions;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code /admin/account/connections.xhtml}: how the signed-in user's clients are connected: the
 * applications they allowed over OAuth ({@code oauth.grant}, read through the data engine with
 * their own rights; revoke one) and the live MCP sessions of the stateful revisions their clients
 * hold now (end one). {@link LiveSessions} checks nothing itself, so this page keeps to the
 * sessions whose login is the caller's, for listing and for ending alike. The administrators'
 * view of everyone's belongs to the console's access and sessions screens.
 */
@Named
@ViewScoped
public class ConnectionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "oauth.grant";
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FIELDS = List.of("client_name", "client_id", "scopes", "create_date", "last_used",
            "revoked_at");

    /** One OAuth connection as listed; times in the user's time zone. */
    public record Row(long id, String client, String clientId, String scopes, String connected, String lastUsed,
                      String revoked) implements Serializable {
        public boolean isActive() {
            return revoked == null;
        }
    }

    /** One of the user's live sessions as listed; times in their zone. */
    public record SessionRow(String id, String client, String revision, String started, String lastActivity,
                             int openStreams, long requests) implements Serializable {
        /** Enough of the id to tell sessions apart, not enough to use it. */
        public String shortId() {
            return id.length() > 8 ? id.substring(0, 8) + "…" : id;
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    LiveSessions sessions;

    private List<Row> rows = List.of();
    private List<SessionRow> sessionRows = List.of();

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
        ZoneId zone = me.tz();
        String login = console.getLogin();
        sessionRows = sessions.list().stream().filter(s -> login.equals(s.login())).map(s -> new SessionRow(s.id(),
                s.clientName() == null ? "unnamed client" : s.clientName()
                        + (s.clientVersion() == null ? "" : " " + s.clientVersion()),
                s.revision(), at(s.created(), zone), at(s.lastActivity(), zone), s.openStreams(), s.requests())).toList();
    }

    private static Row row(JsonObject r) {
        return new Row(r.getJsonNumber("id").longValue(), r.getString("client_name"), r.getString("client_id"),
                r.getString("scopes"), text(r, "create_date"), text(r, "last_used"), text(r, "revoked_at"));
    }

    private static String text(JsonObject r, String field) {
        return r.get(field) instanceof JsonString s ? OffsetDateTime.parse(s.getString()).format(MINUTES) : null;
    }

    private static String at(Instant instant, ZoneId zone) {
        return instant == null ? null : MINUTES.format(instant.atZone(zone));
    }

    /** Revokes one of the user's connections through the data engine: its tokens are refused from now on. */
    public void revoke(Row connection) {
        if (console.call(MODEL, "action_revoke", "revoke_connection", connection.id())) {
            Console.info("Connection of \"" + connection.client() + "\" revoked: it must ask you to sign in again.");
            load();
        }
    }

    /** Ends one of the user's own sessions: its streams close, its client must connect again. */
    public void end(SessionRow row) {
        boolean own = sessions.list().stream().anyMatch(s -> s.id().equals(row.id()) && console.getLogin().equals(s.login()));
        boolean ended = own && sessions.end(row.id());
        console.audited("end_session", null, Jsons.createObjectBuilder().add("client", row.client()).build(), null, null);
        Console.info(ended ? "Session of " + row.client() + " ended: the client has to connect again."
                : "That session had already ended.");
        load();
    }

    public List<Row> getRows() {
        return rows;
    }

    public List<SessionRow> getSessions() {
        return sessionRows;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
