package dev.bastion.mcp.server;

import dev.bastion.json.Jsons;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.FeatureChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Open {@code subscriptions/listen} streams of 2026-07-28 clients, each with the filter the
 * client opted into; {@link NotificationFanOut} hands every change to {@link #publish}. A
 * resource subscription is honoured only for what the caller may read, like
 * {@code resources/subscribe}, and every update is checked against the caller's rights again
 * before it is sent.
 *
 * <p>Spec: 2026-07-28 {@code basic/patterns/subscriptions.mdx}.
 */
@ApplicationScoped
public class ListenSubscriptions {

    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    private static final String FILTER = "notifications";

    @Inject
    ResourcesFeature resources;

    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

    /** One stream: what it asked for, who asked, and (once open) where its notifications go. */
    public final class Subscription implements AutoCloseable {
        private final JsonValue id;
        private final Recipient recipient;
        private final boolean tools;
        private final boolean prompts;
        private final boolean resourcesList;
        private final List<String> uris;
        private volatile Consumer<JsonRpcMessage> sink;

        private Subscription(JsonValue id, Recipient recipient, JsonObject filter) {
            this.id = id;
            this.recipient = recipient;
            this.tools = Params.bool(filter, "toolsListChanged", false, FILTER);
            this.prompts = Params.bool(filter, "promptsListChanged", false, FILTER);
            this.resourcesList = Params.bool(filter, "resourcesListChanged", false, FILTER);
            this.uris = Params.strings(filter, "resourceSubscriptions", FILTER).stream().distinct()
                    .filter(uri -> resources.readable(uri, recipient)).toList();
        }

        /** Starts delivering to {@code sink}; the caller sends the acknowledgement first. */
        public Subscription open(Consumer<JsonRpcMessage> sink) {
            this.sink = sink;
            ListenSubscriptions.this.open.add(this);
            return this;
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
            if (resourcesList) {
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
                case RESOURCES -> resourcesList;
                case RESOURCE_UPDATED -> uris.contains(change.uri()) && resources.readable(change.uri(), recipient);
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
     * The subscription a {@code subscriptions/listen} request asks for, checked: its
     * {@code notifications} filter must be well-typed, and only the resources the caller may
     * read now are kept. Nothing is delivered until it is {@link Subscription#open opened}.
     *
     * @throws McpException -32602 when the filter is not an object or a member has the wrong type
     */
    public Subscription prepare(JsonRpcMessage.Request request, Caller caller) {
        JsonObject filter = Params.optionalObject(request.paramsOrEmpty(), FILTER, "")
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
        return new Subscription(request.id(), new Recipient(caller, ProtocolRevision.V2026_07_28,
                JsonValue.EMPTY_JSON_OBJECT), filter);
    }

    void publish(FeatureChanged change, String method) {
        open.forEach(s -> s.deliver(change, method));
    }
}
