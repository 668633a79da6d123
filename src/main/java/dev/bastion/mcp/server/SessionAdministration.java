package dev.bastion.mcp.server;

import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionState;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.LiveSessions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link LiveSessions} over the session store: every node's sessions, from their shared state.
 * Listing reads the sessions without touching them, so looking at a session does not keep it
 * alive.
 */
@ApplicationScoped
public class SessionAdministration implements LiveSessions {

    @Inject
    SessionStore sessions;

    @Resource
    ManagedExecutorService executor;

    @Override
    public List<LiveSession> list() {
        Map<String, McpSession> here = sessions.here().stream().collect(Collectors.toMap(McpSession::id, s -> s));
        return sessions.all().stream().sorted(Comparator.comparing(SessionState::created))
                .map(s -> view(s, here.get(s.id()))).toList();
    }

    /** One session; its last activity and request count as this node knows them when it served it too. */
    private LiveSession view(SessionState s, McpSession here) {
        JsonObject client = here != null ? here.clientInfo() : s.clientInfoJson();
        Instant lastActivity = here != null && here.lastSeen().isAfter(s.lastSeen()) ? here.lastSeen() : s.lastSeen();
        return new LiveSession(s.id(), s.callerName(), text(client, "name"), text(client, "version"), s.revision(),
                s.created(), lastActivity, sessions.expiresAt(s), s.openStreams(),
                s.requests() + sessions.requestsNotShared(s.id()), s.streamNode());
    }

    private static String text(JsonObject object, String key) {
        return object != null && object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /**
     * Ends the session on a thread of the server's own and waits for it: closing a session's open
     * event streams completes their asynchronous requests, and on the caller's thread that would
     * also end the caller's own request context (a console page's, half-way through its response).
     */
    @Override
    public boolean end(String id) {
        if (id == null) {
            return false;
        }
        try {
            return executor.submit(() -> sessions.remove(id)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ending session " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not end session " + id, e);
        }
    }
}
