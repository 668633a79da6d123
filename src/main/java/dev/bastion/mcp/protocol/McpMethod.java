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

    /**
     * Requests whose work may send progress, log messages or requests to the client before its
     * result: they may be answered as an event stream when the client accepts one.
     */
    public boolean mayStream() {
        return this == TOOLS_CALL || this == PROMPTS_GET || this == RESOURCES_READ;
    }

    /** Requests that may answer {@code input_required} (2026-07-28 multi round-trip requests). */
    public boolean mayNeedInput() {
        return mayStream();
    }

    /** Results that carry caching hints (2026-07-28 {@code CacheableResult}). */
    public boolean cacheable() {
        return switch (this) {
            case SERVER_DISCOVER, TOOLS_LIST, PROMPTS_LIST, RESOURCES_LIST, RESOURCES_TEMPLATES_LIST, RESOURCES_READ -> true;
            default -> false;
        };
    }

    /** What a 2026-07-28 client may call; the methods that revision removed are not among them. */
    public boolean servedStateless() {
        return switch (this) {
            case SERVER_DISCOVER, TOOLS_LIST, TOOLS_CALL, RESOURCES_LIST, RESOURCES_TEMPLATES_LIST, RESOURCES_READ,
                 PROMPTS_LIST, PROMPTS_GET, COMPLETION_COMPLETE, SUBSCRIPTIONS_LISTEN -> true;
            default -> false;
        };
    }
}
