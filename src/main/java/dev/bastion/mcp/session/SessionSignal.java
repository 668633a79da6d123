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

    /**
     * A client asked to resume POST stream {@code streamId} after event {@code afterSeq}
     * ({@code Last-Event-ID}) on a node that does not know it: the node that does relays it as
     * {@link Relayed} messages tagged {@code relayId}.
     */
    record ResumeAsked(String sessionId, String streamId, long afterSeq, String relayId) implements SessionSignal {
    }

    /** One message (JSON text) of a stream resumed on another node. */
    record Relayed(String sessionId, String relayId, String message) implements SessionSignal {
    }
}
