package dev.bastion.admin.account;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.LiveSessions;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code /admin/account/connections.xhtml}: the signed-in user's own live MCP sessions (the
 * stateful revisions'), with the client each one came from; end one. {@link LiveSessions} checks
 * nothing itself, so this page keeps to the sessions whose login is the caller's, for listing and
 * for ending alike.
 */
@Named
@ViewScoped
public class ConnectionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One of the user's sessions as listed; times in their zone. */
    public record Row(String id, String client, String revision, String started, String lastActivity, int openStreams,
                      long requests) implements Serializable {
        /** Enough of the id to tell sessions apart, not enough to use it. */
        public String shortId() {
            return id.length() > 8 ? id.substring(0, 8) + "…" : id;
        }
    }

    @Inject
    Console console;

    @Inject
    LiveSessions sessions;

    private List<Row> rows = List.of();

    @PostConstruct
    void load() {
        ZoneId zone = console.context().tz();
        String me = console.getLogin();
        rows = sessions.list().stream().filter(s -> me.equals(s.login())).map(s -> new Row(s.id(),
                s.clientName() == null ? "unnamed client" : s.clientName()
                        + (s.clientVersion() == null ? "" : " " + s.clientVersion()),
                s.revision(), at(s.created(), zone), at(s.lastActivity(), zone), s.openStreams(), s.requests())).toList();
    }

    private static String at(Instant instant, ZoneId zone) {
        return instant == null ? null : MINUTES.format(instant.atZone(zone));
    }

    /** Ends one of the user's own sessions: its streams close, its client must connect again. */
    public void end(Row row) {
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

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
