package dev.bastion.mcp.spi;

import dev.bastion.mcp.protocol.ProtocolRevision;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;

/** What a feature sees of the request it serves. */
public interface RequestContext {

    Caller caller();

    /** Where the features serving this request tell what data it touched (for the audit). */
    default RequestTrace trace() {
        return RequestTrace.DISCARDED;
    }

    ProtocolRevision revision();

    /** The capabilities the client declared ({@code sampling}, {@code elicitation}, {@code roots}). */
    JsonObject clientCapabilities();

    /** Whether the client declared {@code capability} (e.g. {@code "sampling"}). */
    default boolean clientSupports(String capability) {
        return clientCapabilities().containsKey(capability);
    }

    /** Reports progress when the client asked for it with a progress token; else does nothing. */
    void progress(double progress, Double total, String message);

    /** Sends a log message when the session's level lets it through. */
    void log(String level, String logger, JsonValue data);

    /** Set once the client cancelled this request or went away; what must stop then registers on it. */
    Cancellation cancellation();

    /** True once the client cancelled this request or went away. */
    default boolean cancelled() {
        return cancellation().isCancelled();
    }

    /**
     * Refuses the request unless the client declared {@code capability}: a 2026-07-28 client
     * gets {@code MissingRequiredClientCapability} (-32021) naming it.
     */
    void requireClientCapability(String capability);

    /** The client's answer to the input request named {@code key}, on a retry (2026-07-28). */
    default Optional<JsonValue> inputResponse(String key) {
        return Optional.empty();
    }

    /** The state a previous {@link InputRequired} carried, verified, or empty (2026-07-28). */
    default Optional<JsonValue> requestState() {
        return Optional.empty();
    }

    /**
     * Sends a request to the client (sampling/createMessage, elicitation/create, roots/list) on
     * this request's stream and waits for its answer.
     *
     * @return the client's result
     * @throws dev.bastion.mcp.protocol.McpException when the client lacks the capability, answers
     *         with an error, or does not answer within {@code timeout}
     */
    JsonObject requestFromClient(String method, JsonObject params, Duration timeout);
}
