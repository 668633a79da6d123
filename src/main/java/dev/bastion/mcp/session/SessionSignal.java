package dev.bastion.mcp.session;

import java.io.Serializable;

/**
 * What one node tells the others about a session, over the grid's session topic: things that
 * arrived on one node for what another node holds (the end of a session needs no signal: every
 * node hears the removal of its state). Plain strings only, so that every node reads them
 * whatever it runs.
 */
public sealed interface SessionSignal extends Serializable {

    /** The session whose runtime the signal is for. */
    String sessionId();

    /** {@code notifications/cancelled} for request {@code requestId} (its JSON text) arrived. */
    record Cancelled(String sessionId, String requestId) implements SessionSignal {
    }

    /** The client's response (JSON text) to a server-to-client request arrived. */
    record ClientAnswered(String sessionId, String response) implements SessionSignal {
    }
}
