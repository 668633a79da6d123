package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.RequestContext;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;

/**
 * The receiver of a notification, as a feature sees it when asked whether that receiver may
 * still read what changed: the caller who subscribed, outside any request of theirs, so it
 * cannot report progress, log or ask the client anything.
 */
record Recipient(Caller caller, ProtocolRevision revision, JsonObject clientCapabilities) implements RequestContext {

    @Override
    public void progress(double progress, Double total, String message) {
        // no request to report progress on
    }

    @Override
    public void log(String level, String logger, JsonValue data) {
        // no request to log on
    }

    @Override
    public Cancellation cancellation() {
        return new Cancellation();
    }

    @Override
    public void requireClientCapability(String capability) {
        throw Exchange.missingCapability(capability);
    }

    @Override
    public JsonObject requestFromClient(String method, JsonObject params, Duration timeout) {
        throw McpException.invalidRequest("A notification cannot ask the client for input");
    }
}
