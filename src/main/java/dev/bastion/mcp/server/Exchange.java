package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.mcp.spi.ToolDefinition;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * A request being served, as the engine sees it: a stateful session's
 * ({@link SessionExchange}) or a stateless 2026-07-28 one ({@link StatelessExchange}).
 */
public interface Exchange extends RequestContext {

    /** The client capability each server-to-client request needs. */
    java.util.Map<String, String> CAPABILITY_OF = java.util.Map.of(
            McpMethod.SAMPLING_CREATE_MESSAGE.wireName(), "sampling",
            McpMethod.ELICITATION_CREATE.wireName(), "elicitation",
            McpMethod.ROOTS_LIST.wireName(), "roots");

    /** Log levels, least severe first. */
    List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    /** The session of a stateful revision; empty for stateless requests. */
    Optional<McpSession> session();

    /** Called once the request's response is sent. */
    void finish(JsonValue requestId);

    /**
     * Checks what the transport carried about a tool call beside its body, once the tool is
     * known (2026-07-28: its {@code Mcp-Param-*} headers); nothing to check by default.
     *
     * @throws McpException when they disagree with the body
     */
    default void checkToolCall(ToolDefinition tool, JsonObject arguments) {
    }

    @Override
    default void requireClientCapability(String capability) {
        if (!clientSupports(capability)) {
            throw missingCapability(capability);
        }
    }

    /** The client capability a server-to-client request needs, or null. */
    static String capabilityFor(String method) {
        return CAPABILITY_OF.get(method);
    }

    static boolean passes(String level, String minimum) {
        return minimum == null || LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);
    }

    static boolean isLevel(String level) {
        return LEVELS.contains(level);
    }

    /** A {@code notifications/progress} for {@code token}; the message only where the revision has it. */
    static JsonRpcMessage progressNotification(JsonValue token, double progress, Double total, String message) {
        JsonObjectBuilder p = Jsons.createObjectBuilder().add("progressToken", token).add("progress", progress);
        if (total != null) {
            p.add("total", total);
        }
        if (message != null) {
            p.add("message", message);
        }
        return new JsonRpcMessage.Notification(McpMethod.NOTIFICATION_PROGRESS.wireName(), p.build());
    }

    /** A {@code notifications/message} log entry. */
    static JsonRpcMessage logNotification(String level, String logger, JsonValue data) {
        JsonObjectBuilder p = Jsons.createObjectBuilder().add("level", level).add("data", data);
        if (logger != null) {
            p.add("logger", logger);
        }
        return new JsonRpcMessage.Notification(McpMethod.NOTIFICATION_MESSAGE.wireName(), p.build());
    }

    static McpException missingCapability(String capability) {
        return new McpException(ErrorCode.MISSING_REQUIRED_CLIENT_CAPABILITY,
                "This request needs the client capability '" + capability + "'",
                Jsons.createObjectBuilder().add("requiredCapabilities",
                        Jsons.createObjectBuilder().add(capability, JsonValue.EMPTY_JSON_OBJECT)).build());
    }
}
