package dev.bastion.mcp.spi;

import java.time.Instant;
import java.util.List;

/**
 * The live sessions of the stateful revisions, for administrators: the MCP tools
 * {@code list_sessions} and {@code end_session} and the admin console call it. Whoever calls it
 * has checked that its user is an administrator; it checks nothing itself.
 */
public interface LiveSessions {

    /** One live session as an administrator sees it. */
    record LiveSession(String id, String login, String clientName, String clientVersion, String revision,
                       Instant created, Instant lastActivity, Instant expires, int openStreams, long requests) {
    }

    /** Every live session on this node, oldest first. */
    List<LiveSession> list();

    /**
     * Ends session {@code id} at once: what runs in it is cancelled, its streams close, and the
     * client's next request with that id gets 404.
     *
     * @return false when no live session has that id (ended or expired already)
     */
    boolean end(String id);
}
