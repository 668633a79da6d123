package dev.bastion.mcp.server;

import dev.bastion.mcp.session.McpSession;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link LiveSessions} over the session store. Listing reads the sessions without touching
 * them, so looking at a session does not keep it alive.
 */
@ApplicationScoped
public class SessionAdministration implements LiveSessions {

    @Inject
    SessionStore sessions;

    @Resource
    ManagedExecutorService executor;

    @Override
    public List<LiveSession> list() {
        Instant now = Instant.now();
        // An expired session the reaper has not reached yet is not live: its id already gets 404.
        return sessions.all().stream().filter(s -> !sessions.expiresAt(s).isBefore(now))
                .sorted(Comparator.comparing(McpSession::created)).map(this::view).toList();
    }

    private LiveSession view(McpSession s) {
        JsonObject client = s.clientInfo();
        return new LiveSession(s.id(), s.callerName(), text(client, "name"), text(client, "version"),
                s.revision().version(), s.created(), s.lastSeen(), sessions.expiresAt(s), s.openStreams(),
                s.requestCount());
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
