package dev.bastion.mcp.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every JSON-RPC method name of MCP, in both directions, by its wire name. */
public enum McpMethod {
    INITIALIZE("initialize"),
    PING("ping"),
    TOOLS_LIST("tools/list"),
    TOOLS_CALL("tools/call"),
    RESOURCES_LIST("resources/list"),
    RESOURCES_TEMPLATES_LIST("resources/templates/list"),
    RESOURCES_READ("resources/read"),
    RESOURCES_SUBSCRIBE("resources/subscribe"),
    RESOURCES_UNSUBSCRIBE("resources/unsubscribe"),
    PROMPTS_LIST("prompts/list"),
    PROMPTS_GET("prompts/get"),
    COMPLETION_COMPLETE("completion/complete"),
    LOGGING_SET_LEVEL("logging/setLevel"),
    SERVER_DISCOVER("server/discover"),
    SUBSCRIPTIONS_LISTEN("subscriptions/listen"),

    NOTIFICATION_INITIALIZED("notifications/initialized"),
    NOTIFICATION_CANCELLED("notifications/cancelled"),
    NOTIFICATION_PROGRESS("notifications/progress"),
    NOTIFICATION_MESSAGE("notifications/message"),
    NOTIFICATION_ROOTS_LIST_CHANGED("notifications/roots/list_changed"),
    NOTIFICATION_TOOLS_LIST_CHANGED("notifications/tools/list_changed"),
    NOTIFICATION_PROMPTS_LIST_CHANGED("notifications/prompts/list_changed"),
    NOTIFICATION_RESOURCES_LIST_CHANGED("notifications/resources/list_changed"),
    NOTIFICATION_RESOURCES_UPDATED("notifications/resources/updated"),
    NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED("notifications/subscriptions/acknowledged"),

    SAMPLING_CREATE_MESSAGE("sampling/createMessage"),
    ELICITATION_CREATE("elicitation/create"),
    ROOTS_LIST("roots/list");

    private static final Map<String, McpMethod> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(McpMethod::wireName, Function.identity()));

    private final String wireName;

    McpMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<McpMethod> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
