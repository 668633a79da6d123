package dev.bastion.mcp.server;

import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.JsonRpcMessage;
import dev.bastion.mcp.protocol.JsonRpcParser;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.McpMethod;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.session.McpSession;
import dev.bastion.mcp.session.SessionStore;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.InputRequired;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dispatcher: turns each message of an established session into its answer. Lifecycle,
 * ping and logging are answered here; tools, resources, prompts and completion by their
 * feature beans.
 */
@ApplicationScoped
public class McpServer {

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());
    private static final int MAX_COMPLETIONS = 100;
    private static final String INSTRUCTIONS = "Bastion serves business data (an Odoo-style ERP: partners, "
            + "products, sales orders, invoices). List the tools and resources to find your way.";

    @Inject
    ToolsFeature tools;

    @Inject
    ResourcesFeature resources;

    @Inject
    PromptsFeature prompts;

    @Inject
    SessionStore sessions;

    @Inject
    SessionGate gate;

    @Inject
    SettingsService settings;

    @Inject
    @ConfigProperty(name = "bastion.version")
    String version;

    /** The revision to answer: the client's when supported, else the latest (spec: lifecycle). */
    public static ProtocolRevision negotiate(String requested) {
        return ProtocolRevision.of(requested).filter(r -> !r.isStateless()).orElse(ProtocolRevision.latestStateful());
    }

    /**
     * Handles {@code initialize}: checks its params and opens a session for the caller.
     *
     * @return the new session and the result to send
     */
    public Initialized initialize(JsonRpcMessage.Request request, Caller caller) {
        JsonObject params = request.paramsOrEmpty();
        if (!(params.get("protocolVersion") instanceof jakarta.json.JsonString requested)) {
            throw McpException.invalidParams("initialize needs \"protocolVersion\", a string");
        }
        JsonValue capabilities = params.getOrDefault("capabilities", JsonValue.EMPTY_JSON_OBJECT);
        JsonValue clientInfo = params.getOrDefault("clientInfo", JsonValue.EMPTY_JSON_OBJECT);
        if (capabilities.getValueType() != JsonValue.ValueType.OBJECT
                || clientInfo.getValueType() != JsonValue.ValueType.OBJECT) {
            throw McpException.invalidParams("initialize \"capabilities\" and \"clientInfo\" must be objects");
        }
        ProtocolRevision revision = negotiate(requested.getString());
        McpSession session = sessions.create(caller.name(), revision, capabilities.asJsonObject(),
                clientInfo.asJsonObject());
        gate.opened(session, caller);
        JsonObject result = Jsons.createObjectBuilder()
                .add("protocolVersion", revision.version())
                .add("capabilities", capabilities())
                .add("serverInfo", serverInfo())
                .add("instructions", INSTRUCTIONS)
                .build();
        return new Initialized(session, new JsonRpcMessage.Response(request.id(), result));
    }

    /** A session opened by {@code initialize} and the response that tells the client so. */
    public record Initialized(McpSession session, JsonRpcMessage.Response response) {
    }

    @Inject
    RequestStateCodec states;

    /** The method a stateless request may call, or empty when 2026-07-28 has no such method. */
    public static java.util.Optional<McpMethod> statelessMethod(String name) {
        return McpMethod.byWireName(name).filter(McpMethod::servedStateless);
    }

    /** The server's identity as 2026-07-28 results carry it in {@code _meta}. */
    public JsonObject serverInfo() {
        return Jsons.createObjectBuilder().add("name", "bastion").add("title", "Bastion").add("version", version).build();
    }

    /**
     * Answers a stateless (2026-07-28) request whose headers and {@code _meta} were checked;
     * never throws. Every result carries {@code resultType} and the server's identity; lists,
     * discovery and reads carry caching hints; tools, prompts and reads may answer
     * {@code input_required} with a signed {@code requestState}.
     */
    public JsonRpcMessage handleStateless(JsonRpcMessage.Request request, StatelessExchange exchange) {
        McpMethod method = statelessMethod(request.method()).orElseThrow();
        JsonObject params = request.paramsOrEmpty();
        JsonObjectBuilder result;
        try {
            int pageSize = (int) Math.max(1, settings.getCount(SettingKey.MCP_PAGE_SIZE));
            JsonObject plain = switch (method) {
                case SERVER_DISCOVER -> discover();
                case TOOLS_LIST -> tools.list(params, exchange, pageSize);
                case TOOLS_CALL -> tools.call(params, exchange);
                case RESOURCES_LIST -> resources.list(params, exchange, pageSize);
                case RESOURCES_TEMPLATES_LIST -> resources.templates(params, exchange, pageSize);
                case RESOURCES_READ -> resources.read(params, exchange);
                case PROMPTS_LIST -> prompts.list(params, exchange, pageSize);
                case PROMPTS_GET -> prompts.get(params, exchange);
                case COMPLETION_COMPLETE -> complete(params, exchange);
                default -> throw McpException.methodNotFound(request.method());
            };
            result = Jsons.createObjectBuilder(plain).add("resultType", "complete");
            if (method.cacheable()) {
                result.add("ttlMs", settings.getDuration(SettingKey.MCP_CACHE_TTL).toMillis())
                        .add("cacheScope", settings.getText(SettingKey.MCP_CACHE_SCOPE));
            }
        } catch (InputRequired needed) {
            if (!method.mayNeedInput()) {
                LOG.severe(() -> request.method() + " asked for client input, which 2026-07-28 forbids there");
                return JsonRpcMessage.ErrorResponse.of(request.id(), new McpException(ErrorCode.INTERNAL_ERROR,
                        "Internal error while serving " + request.method()));
            }
            result = inputRequired(needed, exchange);
        } catch (McpException e) {
            return JsonRpcMessage.ErrorResponse.of(request.id(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Internal error serving " + request.method(), e);
            return JsonRpcMessage.ErrorResponse.of(request.id(),
                    new McpException(ErrorCode.INTERNAL_ERROR, "Internal error while serving " + request.method()));
        }
        return new JsonRpcMessage.Response(request.id(), result
                .add("_meta", Jsons.createObjectBuilder().add("io.modelcontextprotocol/serverInfo", serverInfo()))
                .build());
    }

    private JsonObjectBuilder inputRequired(InputRequired needed, StatelessExchange exchange) {
        JsonObjectBuilder requests = Jsons.createObjectBuilder();
        needed.requests().forEach(requests::add);
        JsonObjectBuilder result = Jsons.createObjectBuilder().add("resultType", "input_required");
        if (!needed.requests().isEmpty()) {
            result.add("inputRequests", requests);
        }
        return result.add("requestState", states.encode(needed.state(), exchange.caller().name()));
    }

    /** Verifies the {@code requestState} a retry brought back; null when there is none. */
    public JsonValue verifiedState(JsonObject params, Caller caller) {
        JsonValue token = params.get("requestState");
        if (token == null || token.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(token instanceof jakarta.json.JsonString s)) {
            throw McpException.invalidParams("requestState must be the string the server sent");
        }
        return states.decode(s.getString(), caller.name());
    }

    private JsonObject discover() {
        JsonArrayBuilder versions = Jsons.createArrayBuilder();
        ProtocolRevision.supportedVersions().forEach(versions::add);
        return Jsons.createObjectBuilder().add("supportedVersions", versions).add("capabilities", capabilities())
                .add("instructions", INSTRUCTIONS).build();
    }

    /** What Bastion implements, and so declares. */
    public JsonObject capabilities() {
        return Jsons.createObjectBuilder()
                .add("logging", JsonValue.EMPTY_JSON_OBJECT)
                .add("completions", JsonValue.EMPTY_JSON_OBJECT)
                .add("prompts", Jsons.createObjectBuilder().add("listChanged", true))
                .add("resources", Jsons.createObjectBuilder().add("subscribe", true).add("listChanged", true))
                .add("tools", Jsons.createObjectBuilder().add("listChanged", true))
                .build();
    }

    /** Answers a request of an established session; never throws. */
    public JsonRpcMessage handle(JsonRpcMessage.Request request, Exchange exchange) {
        try {
            return new JsonRpcMessage.Response(request.id(), dispatch(request, exchange));
        } catch (McpException e) {
            return JsonRpcMessage.ErrorResponse.of(request.id(), e);
        } catch (InputRequired e) {
            return JsonRpcMessage.ErrorResponse.of(request.id(), new McpException(ErrorCode.INTERNAL_ERROR,
                    request.method() + " needs input from the client that protocol "
                            + exchange.revision().version() + " cannot carry"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Internal error serving " + request.method(), e);
            return JsonRpcMessage.ErrorResponse.of(request.id(),
                    new McpException(ErrorCode.INTERNAL_ERROR, "Internal error while serving " + request.method()));
        } finally {
            exchange.finish(request.id());
        }
    }

    private JsonObject dispatch(JsonRpcMessage.Request request, Exchange exchange) {
        McpMethod method = McpMethod.byWireName(request.method())
                .orElseThrow(() -> McpException.methodNotFound(request.method()));
        JsonObject params = request.paramsOrEmpty();
        Params.optionalObject(params, "_meta", "");
        if (method == McpMethod.PING) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!exchange.session().orElseThrow().initialized()) {
            throw McpException.invalidRequest(
                    "The session is not initialized yet: send notifications/initialized first");
        }
        int pageSize = (int) Math.max(1, settings.getCount(SettingKey.MCP_PAGE_SIZE));
        return switch (method) {
            case INITIALIZE -> throw McpException.invalidRequest("The session is already initialized");
            case TOOLS_LIST -> tools.list(params, exchange, pageSize);
            case TOOLS_CALL -> tools.call(params, exchange);
            case RESOURCES_LIST -> resources.list(params, exchange, pageSize);
            case RESOURCES_TEMPLATES_LIST -> resources.templates(params, exchange, pageSize);
            case RESOURCES_READ -> resources.read(params, exchange);
            case RESOURCES_SUBSCRIBE -> resources.subscribe(params, exchange);
            case RESOURCES_UNSUBSCRIBE -> resources.unsubscribe(params, exchange);
            case PROMPTS_LIST -> prompts.list(params, exchange, pageSize);
            case PROMPTS_GET -> prompts.get(params, exchange);
            case COMPLETION_COMPLETE -> complete(params, exchange);
            case LOGGING_SET_LEVEL -> setLevel(params, exchange);
            default -> throw McpException.methodNotFound(request.method());
        };
    }

    private static JsonObject setLevel(JsonObject params, Exchange exchange) {
        String level = Params.optionalString(params, "level", "").orElse(null);
        if (level == null || !Exchange.isLevel(level)) {
            throw McpException.invalidParams("\"level\" must be one of debug, info, notice, warning, error, "
                    + "critical, alert, emergency");
        }
        exchange.session().orElseThrow().logLevel(level);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private JsonObject complete(JsonObject params, Exchange exchange) {
        if (!params.containsKey("ref") || !params.containsKey("argument")) {
            throw McpException.invalidParams("completion/complete needs \"ref\" and \"argument\" {name, value}");
        }
        JsonObject ref = Params.object(params, "ref", "");
        JsonObject argument = Params.object(params, "argument", "");
        String name = Params.string(argument, "name", "argument");
        String prefix = Params.optionalString(argument, "value", "argument").orElse("");
        // Arguments the client already chose (2025-06-18+), e.g. the model when completing a record id.
        java.util.Map<String, String> resolved = new java.util.LinkedHashMap<>();
        Params.optionalObject(params, "context", "").flatMap(c -> Params.optionalObject(c, "arguments", "context"))
                .ifPresent(chosen -> chosen.forEach((k, v) -> {
                    if (!(v instanceof jakarta.json.JsonString s)) {
                        throw McpException.invalidParams("\"context.arguments." + k + "\" must be a string");
                    }
                    resolved.put(k, s.getString());
                }));
        List<String> values = switch (Params.optionalString(ref, "type", "ref").orElse("")) {
            case "ref/prompt" -> prompts.complete(Params.string(ref, "name", "ref"), name, prefix, resolved, exchange);
            case "ref/resource" -> resources.complete(Params.string(ref, "uri", "ref"), name, prefix, resolved, exchange);
            default -> throw McpException.invalidParams("\"ref.type\" must be ref/prompt or ref/resource");
        };
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        values.stream().limit(MAX_COMPLETIONS).forEach(array::add);
        return Jsons.createObjectBuilder().add("completion", Jsons.createObjectBuilder()
                .add("values", array).add("total", values.size())
                .add("hasMore", values.size() > MAX_COMPLETIONS)).build();
    }

    /** Takes a notification or a response from the client; nothing is answered. */
    /**
     * One message of a batch and its answer.
     *
     * @param message the message, or null when the item was not one
     * @param answer  its response, or null for notifications and client responses
     * @param trace   what it touched
     */
    public record Exchanged(JsonRpcMessage message, JsonRpcMessage answer, RequestTrace trace) {
    }

    /**
     * Serves a JSON-RPC batch of an established session, message by message; a malformed item
     * gets its own error and the others are served.
     *
     * @throws McpException -32600 when the revision has no batches (only 2025-03-26 has) or the batch is empty
     */
    public List<Exchanged> batch(JsonArray batch, McpSession session, Caller caller) {
        if (!session.revision().allowsBatches()) {
            throw McpException.invalidRequest("JSON-RPC batches are not part of MCP " + session.revision().version());
        }
        if (batch.isEmpty()) {
            throw McpException.invalidRequest("Empty batch");
        }
        List<Exchanged> exchanged = new ArrayList<>(batch.size());
        for (JsonValue item : batch) {
            JsonRpcMessage message;
            try {
                message = JsonRpcParser.message(item);
            } catch (McpException e) {
                exchanged.add(new Exchanged(null, JsonRpcMessage.ErrorResponse.of(JsonRpcParser.idOf(item), e),
                        RequestTrace.DISCARDED));
                continue;
            }
            if (message instanceof JsonRpcMessage.Request request) {
                RequestTrace trace = new RequestTrace();
                exchanged.add(new Exchanged(request, handle(request,
                        new SessionExchange(session, caller, null, request, trace)), trace));
            } else {
                accept(message, session);
                exchanged.add(new Exchanged(message, null, RequestTrace.DISCARDED));
            }
        }
        return exchanged;
    }

    public void accept(JsonRpcMessage message, McpSession session) {
        if (message instanceof JsonRpcMessage.Notification n) {
            if (McpMethod.NOTIFICATION_INITIALIZED.wireName().equals(n.method())) {
                session.markInitialized();
            } else if (McpMethod.NOTIFICATION_CANCELLED.wireName().equals(n.method())
                    && n.params() != null && n.params().containsKey("requestId")) {
                session.cancelRequest(n.params().get("requestId"));
            }
        } else if (message instanceof JsonRpcMessage.Response r) {
            session.completeClientRequest(r.id(), r);
        } else if (message instanceof JsonRpcMessage.ErrorResponse e) {
            session.completeClientRequest(e.id(), e);
        }
    }
}
