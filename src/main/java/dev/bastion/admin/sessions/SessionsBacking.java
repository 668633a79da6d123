package dev.bastion.admin.sessions;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.LiveSessions;
import dev.bastion.orm.InvalidRequest;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code /admin/sessions.xhtml}: the live MCP sessions. The list is kept with the view, so the
 * button of a row ends the session that row showed, even if others ended or began meanwhile.
 */
@Named
@ViewScoped
public class SessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    /** One session as listed; times (month-day and time) in the administrator's time zone. */
    public record Row(String id, String login, String client, String revision, String created, String lastActivity,
                      String idleFor, String expires, int openStreams, long requests, String streamNode)
            implements Serializable {
        /** The id's beginning, enough to tell sessions apart at a glance (the whole id is its tooltip). */
        public String getShortId() {
            return id.length() <= 12 ? id : id.substring(0, 12) + "…";
        }
    }

    @Inject
    Console console;

    @Inject
    LiveSessions sessions;

    private List<Row> rows = List.of();

    @PostConstruct
    void load() {
        Instant now = Instant.now();
        rows = sessions.list().stream().map(s -> new Row(s.id(), s.login(),
                s.clientName() == null ? null : s.clientName() + (s.clientVersion() == null ? "" : " " + s.clientVersion()),
                s.revision(), time(s.created()), time(s.lastActivity()), idle(Duration.between(s.lastActivity(), now)),
                time(s.expires()), s.openStreams(), s.requests(), s.streamNode())).toList();
    }

    private String time(Instant at) {
        return at.atZone(console.context().tz()).format(SECONDS);
    }

    private static String idle(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    /** Ends the session the row showed; one that ended on its own meanwhile is said so. */
    public void end(Row session) {
        var params = Jsons.createObjectBuilder().add("session_id", session.id()).add("user", String.valueOf(session.login()))
                .build();
        if (sessions.end(session.id())) {
            console.audited("end_session", null, params, null, null);
            Console.info("Session " + session.getShortId() + " of " + session.login() + " ended: its streams are "
                    + "closed and its client must initialize again.");
        } else {
            InvalidRequest gone = new InvalidRequest("Session " + session.getShortId() + " had already ended or expired.");
            console.audited("end_session", null, params, null, gone);
            Console.refused(gone);
        }
        load();
    }

    public void refresh() {
        load();
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getTimeZone() {
        return console.context().tz().getId();
    }
}
