package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.spi.FeatureChanged;
import jakarta.enterprise.context.ApplicationScoped;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Open {@code subscriptions/listen} streams of 2026-07-28 clients, each with the filter the
 * client opted into; {@link NotificationFanOut} hands every change to {@link #publish}.
 *
 * <p>Spec: 2026-07-28 {@code basic/patterns/subscriptions.mdx}.
 */
@ApplicationScoped
public class ListenSubscriptions {

    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

    /** One open stream: what it asked for and where its notifications go. */
    public final class Subscription implements AutoCloseable {
        private final JsonValue id;
        private final boolean tools;
        private final boolean prompts;
        private final boolean resources;
        private final List<String> uris;
        private final Consumer<JsonRpcMessage> sink;

        private Subscription(JsonValue id, JsonObject filter, Consumer<JsonRpcMessage> sink) {
            this.id = id;
            this.tools = filter.getBoolean("toolsListChanged", false);
            this.prompts = filter.getBoolean("promptsListChanged", false);
            this.resources = filter.getBoolean("resourcesListChanged", false);
            JsonValue subscriptions = filter.get("resourceSubscriptions");
            this.uris = subscriptions instanceof jakarta.json.JsonArray a
                    ? a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
            this.sink = sink;
        }

        /** The acknowledgement: the first frame, with the subset of the filter that is honoured. */
        public JsonRpcMessage acknowledgement() {
            JsonObjectBuilder honoured = Jsons.createObjectBuilder();
            if (tools) {
                honoured.add("toolsListChanged", true);
            }
            if (prompts) {
                honoured.add("promptsListChanged", true);
            }
            if (resources) {
                honoured.add("resourcesListChanged", true);
            }
            if (!uris.isEmpty()) {
                honoured.add("resourceSubscriptions", Jsons.createArrayBuilder(uris));
            }
            return new JsonRpcMessage.Notification("notifications/subscriptions/acknowledged",
                    tagged(Jsons.createObjectBuilder().add("notifications", honoured)));
        }

        private JsonObject tagged(JsonObjectBuilder params) {
            return params.add("_meta", Jsons.createObjectBuilder().add(SUBSCRIPTION_ID, id)).build();
        }

        void deliver(FeatureChanged change, String method) {
            boolean wanted = switch (change.kind()) {
                case TOOLS -> tools;
                case PROMPTS -> prompts;
                case RESOURCES -> resources;
                case RESOURCE_UPDATED -> uris.contains(change.uri());
            };
            if (wanted) {
                JsonObjectBuilder params = Jsons.createObjectBuilder();
                if (change.uri() != null) {
                    params.add("uri", change.uri());
                }
                sink.accept(new JsonRpcMessage.Notification(method, tagged(params)));
            }
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }

    /**
     * Opens a subscription for the {@code subscriptions/listen} request {@code id} with the
     * client's {@code notifications} filter; the caller sends its acknowledgement first.
     */
    public Subscription open(JsonValue id, JsonObject filter, Consumer<JsonRpcMessage> sink) {
        Subscription subscription = new Subscription(id, filter, sink);
        open.add(subscription);
        return subscription;
    }

    void publish(FeatureChanged change, String method) {
        open.forEach(s -> s.deliver(change, method));
    }
}
