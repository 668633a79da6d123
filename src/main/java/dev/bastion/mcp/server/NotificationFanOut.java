package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.FeatureChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;

/**
 * Tells every open server-to-client stream what changed: {@code list_changed} to all,
 * {@code resources/updated} to the sessions subscribed to that URI whose user may still read
 * it, and the same to the 2026-07-28 {@code subscriptions/listen} streams that opted in.
 */
@ApplicationScoped
public class NotificationFanOut {

    @Inject
    SessionStore sessions;

    @Inject
    ListenSubscriptions listeners;

    @Inject
    ResourcesFeature resources;

    void onChange(@ObservesAsync FeatureChanged change) {
        JsonRpcMessage notification = switch (change.kind()) {
            case TOOLS -> new JsonRpcMessage.Notification(McpMethod.NOTIFICATION_TOOLS_LIST_CHANGED.wireName(), null);
            case PROMPTS -> new JsonRpcMessage.Notification(McpMethod.NOTIFICATION_PROMPTS_LIST_CHANGED.wireName(), null);
            case RESOURCES -> new JsonRpcMessage.Notification(
                    McpMethod.NOTIFICATION_RESOURCES_LIST_CHANGED.wireName(), null);
            case RESOURCE_UPDATED -> new JsonRpcMessage.Notification(McpMethod.NOTIFICATION_RESOURCES_UPDATED.wireName(),
                    Jsons.createObjectBuilder().add("uri", change.uri()).build());
        };
        listeners.publish(change, ((JsonRpcMessage.Notification) notification).method());
        for (McpSession session : sessions.all()) {
            if (change.kind() == FeatureChanged.Kind.RESOURCE_UPDATED && !(session.subscriptions().contains(change.uri())
                    && session.standaloneStream().isPresent() && resources.readableBySubscriber(change.uri(), session))) {
                continue;
            }
            session.standaloneStream().ifPresent(stream -> stream.accept(notification));
        }
    }
}
