package dev.bastion.mcp.spi;

import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a tool, prompt or resource that needs the client's input first (2026-07-28
 * multi round-trip requests): the server answers with an {@code input_required} result whose
 * {@code inputRequests} carry these requests and whose {@code requestState} carries
 * {@link #state()}, signed; the client's retry brings the answers
 * ({@link RequestContext#inputResponse}) and the state back ({@link RequestContext#requestState}).
 *
 * <p>Spec: 2026-07-28 {@code basic/patterns/mrtr.mdx}.
 */
public class InputRequired extends RuntimeException {

    private final transient Map<String, JsonObject> requests;
    private final transient JsonValue state;

    /**
     * @param requests named requests (method and params), in order; may be empty when only
     *                 state travels
     * @param state    what the provider needs to see again on the retry, or null
     */
    public InputRequired(Map<String, JsonObject> requests, JsonValue state) {
        super("input required", null, false, false);
        this.requests = new LinkedHashMap<>(requests);
        this.state = state;
    }

    public Map<String, JsonObject> requests() {
        return requests;
    }

    /** The provider's state, or null. */
    public JsonValue state() {
        return state;
    }

    /** An {@code elicitation/create} request. */
    public static JsonObject elicitation(String message, JsonObject requestedSchema) {
        return request(McpMethod.ELICITATION_CREATE, Jsons.createObjectBuilder().add("message", message)
                .add("requestedSchema", requestedSchema).build());
    }

    /** A {@code sampling/createMessage} request with one user text message. */
    public static JsonObject sampling(String userText, int maxTokens) {
        return request(McpMethod.SAMPLING_CREATE_MESSAGE, Jsons.createObjectBuilder()
                .add("messages", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder().add("role", "user")
                        .add("content", Content.text(userText))))
                .add("maxTokens", maxTokens).build());
    }

    /** A {@code roots/list} request. */
    public static JsonObject roots() {
        return request(McpMethod.ROOTS_LIST, JsonValue.EMPTY_JSON_OBJECT);
    }

    private static JsonObject request(McpMethod method, JsonObject params) {
        return Jsons.createObjectBuilder().add("method", method.wireName()).add("params", params).build();
    }
}
