package dev.bastion.mcp.spi;

import java.time.Instant;
import java.util.List;

/**
 * The live sessions of the stateful revisions, for administrators: the MCP tools
 * {@code list_sessions} and {@code end_session} and the admin console call it. Whoever calls it
 * has checked that its user is an administrator; it checks nothing itself.
 */
public interface LiveSessions {

    /**
     * One live session as an administrator sees it.
     *
     * @param openStreams its open GET streams, on every node
     * @param requests    its requests (those served on other nodes as of their last write of the session)
     * @param streamNode  the node holding its server-to-client stream, or null when none is open
     */
    record LiveSession(String id, String login, String clientName, String clientVersion, String revision,
                       Instant created, Instant lastActivity, Instant expires, int openStreams, long requests,
                       String streamNode) {
    }

    /** Every live session of every node, oldest first. */
    List<LiveSession> list();

    /**
     * Ends session {@code id} at once, on every node: what runs in it is cancelled, its streams
     * close, and the client's next request with that id gets 404.
     *
     * @return false when no live session has that id (ended or expired already)
     */
    boolean end(String id);
}
