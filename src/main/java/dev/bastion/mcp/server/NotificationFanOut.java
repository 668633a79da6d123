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
import dev.bastion.mcp.spi.Caller;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells every open server-to-client stream of this node what changed: {@code list_changed} to
 * all, {@code resources/updated} to the sessions subscribed to that URI (on whichever node they
 * subscribed: the subscriptions are read from the shared state) whose user may still read it,
 * and the same to the 2026-07-28 {@code subscriptions/listen} streams that opted in. Each node
 * serves only the streams it holds, so every stream hears a change once when every node is told
 * of it once.
 */
@ApplicationScoped
public class NotificationFanOut {

    @Inject
    SessionStore sessions;

    @Inject
    ListenSubscriptions listeners;

    @Inject
    ResourcesFeature resources;

    @Inject
    SessionGate gate;

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
        for (McpSession session : sessions.here()) {
            Optional<Consumer<JsonRpcMessage>> stream = session.standaloneStream();
            if (stream.isPresent() && (change.kind() != FeatureChanged.Kind.RESOURCE_UPDATED || subscribed(session, change))) {
                stream.get().accept(notification);
            }
        }
    }

    private boolean subscribed(McpSession session, FeatureChanged change) {
        Optional<Caller> subscriber = gate.lastCaller(session);
        return subscriber.isPresent() && sessions.current(session).map(s -> s.subscriptions().contains(change.uri()))
                .orElse(false) && resources.readableBySubscriber(change.uri(), session, subscriber.get());
    }
}
