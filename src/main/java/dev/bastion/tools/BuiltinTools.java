package dev.bastion.tools;

import dev.bastion.access.CallContexts;
import dev.bastion.erp.base.Modules;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.spi.Cancellation;
import dev.bastion.mcp.spi.InputRequired;
import dev.bastion.mcp.spi.LiveSessions;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ToolDefinition;
import dev.bastion.mcp.spi.ToolProvider;
import dev.bastion.mcp.spi.ToolResult;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.MethodCalls;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import dev.bastion.platform.RunningStatements;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The built-in tools over the data engine. Each call runs as the caller's user, with the
 * per-call context the arguments bring; failures the model can fix (bad domain, unknown field,
 * denied operation, validation) come back as {@code isError} results with the engine's
 * message, never as protocol errors.
 */
@ApplicationScoped
public class BuiltinTools implements ToolProvider {

    private static final Logger LOG = Logger.getLogger(BuiltinTools.class.getName());

    @Inject
    ToolCatalog catalog;

    @Inject
    Records records;

    @Inject
    CallContexts contexts;

    @Inject
    Modules modules;

    @Inject
    SettingsService settings;

    @Inject
    Confirmation confirmation;

    @Inject
    LiveSessions sessions;

    @Override
    public List<ToolDefinition> tools(RequestContext context) {
        Optional<CallContext> caller = contexts.forUser(context.caller().userId());
        if (caller.isEmpty()) {
            return List.of();
        }
        return catalog.offered(caller.get()).stream().map(ToolCatalog.Offered::definition).toList();
    }

    @Override
    public Optional<ToolDefinition> find(String name, RequestContext context) {
        return contexts.forUser(context.caller().userId()).flatMap(c -> catalog.offered(c, name))
                .map(ToolCatalog.Offered::definition);
    }

    @Override
    public ToolResult call(ToolDefinition tool, JsonObject arguments, RequestContext context) {
        String name = tool.name();
        CallContext caller = contexts.forUser(context.caller().userId()).orElseThrow(() ->
                new IllegalStateException("tools are offered to known users only"));
        Builtin handler = catalog.handlerOf(name).orElseThrow(() -> new IllegalStateException(name + " has no handler"));
        if (arguments.get("model") instanceof JsonString model) {
            context.trace().touched(model.getString(), operationOf(handler), List.of());
        }
        // A client that cancels (or goes away) stops the query the call is running, not only the call.
        RunningStatements.Scope statements = RunningStatements.open();
        try (statements; Cancellation.Registration stop = context.cancellation().onCancel(statements::cancel)) {
            return run(handler, arguments, withContext(caller, arguments), context);
        } catch (NullPointerException | ClassCastException e) {
            // An admin may have loosened the schema of a tool record; the handler still needs its arguments.
            LOG.log(Level.WARNING, "Tool " + name + " got arguments its handler cannot use", e);
            return ToolResult.error("Invalid arguments for tool " + name + ": the " + handler.toolName()
                    + " handler needs " + handler.inputSchema().getJsonArray("required") + " as its built-in schema describes");
        } catch (InputRequired | McpException e) {
            // Not failures: the call waits for the user's answer, or is refused at the protocol level.
            throw e;
        } catch (RuntimeException e) {
            if (statements.cancelled()) {
                return ToolResult.error("Tool " + name + " was cancelled by the client: its query was stopped and nothing was changed.");
            }
            OrmException known = knownCause(e);
            if (known instanceof AccessDenied) {
                return ToolResult.denied(known.getMessage());
            }
            if (known != null) {
                return ToolResult.error(known.getMessage());
            }
            // The engine turns its own failures into OrmExceptions; what is left failed in this class.
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Tool " + name + " failed, reference " + reference, e);
            return ToolResult.error("Tool " + name + " failed inside the server (reference " + reference
                    + ", kept in the server log).");
        }
    }

    /** The engine's own error, also when something wrapped it. */
    private static OrmException knownCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OrmException o) {
                return o;
            }
        }
        return null;
    }

    /** The operation a tool's records are traced under (for the audit). */
    private static String operationOf(Builtin handler) {
        return switch (handler) {
            case CREATE -> RequestTrace.CREATE;
            case WRITE -> RequestTrace.WRITE;
            case UNLINK -> RequestTrace.UNLINK;
            case METHOD_CALL -> RequestTrace.CALL;
            default -> RequestTrace.READ;
        };
    }

    /** The ids of the records in {@code list} (search and read results). */
    private static List<Long> idsIn(JsonArray list) {
        return list.stream().map(JsonValue::asJsonObject).filter(r -> r.get("id") instanceof JsonNumber)
                .map(r -> r.getJsonNumber("id").longValue()).toList();
    }

    private ToolResult run(Builtin handler, JsonObject a, CallContext c, RequestContext request) {
        return switch (handler) {
            case SEARCH -> search(a, c, request);
            case READ -> {
                JsonObject read = records.read(c, model(a), ids(a), strings(a, "fields"));
                request.trace().touched(model(a), RequestTrace.READ, idsIn(read.getJsonArray("records")));
                yield ToolResult.structured(read);
            }
            case CREATE -> {
                JsonValue values = a.get("values");
                if (!(values instanceof JsonObject) && !(values instanceof JsonArray array
                        && array.stream().allMatch(JsonObject.class::isInstance))) {
                    throw new InvalidRequest("values must be an object of field values, or a list of them");
                }
                List<JsonObject> list = values instanceof JsonArray array
                        ? array.stream().map(JsonValue::asJsonObject).toList() : List.of(values.asJsonObject());
                List<Long> created = records.create(c, model(a), list);
                request.trace().touched(model(a), RequestTrace.CREATE, created);
                yield structured("ids", Jsons.createArrayBuilder(created).build());
            }
            case WRITE -> {
                List<Long> ids = ids(a);
                if (!(a.get("values") instanceof JsonObject values)) {
                    throw new InvalidRequest("values must be an object of field values");
                }
                records.write(c, model(a), ids, values);
                request.trace().touched(model(a), RequestTrace.WRITE, ids);
                yield structured("ids", Jsons.createArrayBuilder(ids).build());
            }
            case UNLINK -> unlink(a, c, request);
            case COUNT -> structured("count", Jsons.createValue(records.count(c, model(a), domain(a))));
            case AGGREGATE -> structured("groups", records.readGroup(c, model(a), domain(a), strings(a, "aggregates"),
                    strings(a, "group_by"), text(a, "order"), offset(a), integer(a, "limit")));
            case DEFAULT_GET -> structured("values", records.defaultGet(c, model(a), strings(a, "fields")));
            case METHOD_CALL -> methodCall(a, c, request);
            case LIST_MODULES -> listModules();
            case LIST_COMPANIES -> listCompanies(c);
            case LIST_SESSIONS -> listSessions();
            case END_SESSION -> endSession(a);
            case GET_SETTINGS -> getSettings();
            case SET_SETTING -> setSetting(a, request.caller().name());
        };
    }

    private ToolResult search(JsonObject a, CallContext c, RequestContext request) {
        String model = model(a);
        int offset = offset(a);
        Records.Page page = records.search(c, model, domain(a), strings(a, "fields"), offset, integer(a, "limit"),
                text(a, "order"), flag(a, "with_total"));
        SearchResult sent = SearchResult.of(model, page, offset,
                Math.max(1024, settings.getCount(SettingKey.MCP_RESULT_MAX_BYTES)));
        request.trace().touched(model, RequestTrace.READ, sent.ids());
        return sent.result();
    }

    private ToolResult unlink(JsonObject a, CallContext c, RequestContext request) {
        String model = model(a);
        List<Long> ids = ids(a);
        JsonObject found = records.read(c, model, ids, List.of("id"));
        if (!found.getJsonArray("missing").isEmpty()) {
            throw new InvalidRequest("Cannot delete: records " + found.getJsonArray("missing") + " of " + model
                    + " do not exist or are outside your access rules; nothing was deleted");
        }
        Optional<ToolResult> refused = confirmation.ask("Delete " + ids.size() + " record(s) of " + model + " (ids "
                + ids + ")? This cannot be undone.", request);
        if (refused.isPresent()) {
            return refused.get();
        }
        records.unlink(c, model, ids);
        request.trace().touched(model, RequestTrace.UNLINK, ids);
        return structured("deleted", Jsons.createArrayBuilder(ids).build());
    }

    private ToolResult methodCall(JsonObject a, CallContext c, RequestContext request) {
        String model = model(a);
        String method = text(a, "method");
        if (method == null) {
            throw new InvalidRequest("method must be the name of a public business method");
        }
        List<Long> ids = a.containsKey("ids") ? ids(a) : List.of();
        Optional<MethodCalls.Callable> callable = records.callableMethods(c, model).stream()
                .filter(m -> m.name().equals(method)).findFirst();
        if (callable.isPresent() && callable.get().info().destructive()) {
            Optional<ToolResult> refused = confirmation.ask("Run " + method + " on " + ids.size() + " record(s) of "
                    + model + " (ids " + ids + ")? " + callable.get().info().description(), request);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        JsonValue args = a.getOrDefault("args", JsonValue.EMPTY_JSON_ARRAY);
        JsonValue kwargs = a.getOrDefault("kwargs", JsonValue.EMPTY_JSON_OBJECT);
        if (!(args instanceof JsonArray positional) || !(kwargs instanceof JsonObject named)) {
            throw new InvalidRequest("args must be a list and kwargs an object");
        }
        JsonValue result = records.call(c, model, method, ids, positional, named);
        request.trace().touched(model, RequestTrace.CALL, ids);
        return structured("result", result == null ? JsonValue.NULL : result);
    }

    private ToolResult listModules() {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        modules.all().forEach(m -> list.add(Jsons.createObjectBuilder().add("name", m.name()).add("title", m.title())
                .add("version", m.version()).add("summary", m.summary())
                .add("depends", Jsons.createArrayBuilder(m.depends())).add("models", Jsons.createArrayBuilder(m.models()))));
        return structured("modules", list.build());
    }

    private ToolResult listCompanies(CallContext c) {
        JsonObject read = records.read(c, "res.company", c.allowedCompanyIds(), List.of("name", "currency_id", "tz"));
        return ToolResult.structured(Jsons.createObjectBuilder().add("companies", read.getJsonArray("records"))
                .add("current_company_id", c.companyId())
                .add("allowed_company_ids", Jsons.createArrayBuilder(c.allowedCompanyIds())).build());
    }

    private ToolResult listSessions() {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (LiveSessions.LiveSession s : sessions.list()) {
            list.add(Jsons.createObjectBuilder().add("id", s.id()).add("user", s.login())
                    .add("client_name", nullable(s.clientName())).add("client_version", nullable(s.clientVersion()))
                    .add("revision", s.revision()).add("created", s.created().toString())
                    .add("last_activity", s.lastActivity().toString()).add("expires", s.expires().toString())
                    .add("open_streams", s.openStreams()).add("requests", s.requests())
                    .add("stream_node", nullable(s.streamNode())));
        }
        return structured("sessions", list.build());
    }

    private ToolResult endSession(JsonObject a) {
        String id = text(a, "session_id");
        if (id == null || !sessions.end(id)) {
            return ToolResult.error("No live session has the id '" + id + "': it ended or expired already "
                    + "(list_sessions shows the live ones)");
        }
        return structured("ended", Jsons.createValue(id));
    }

    private ToolResult getSettings() {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (SettingsService.Entry e : settings.snapshot().values()) {
            list.add(Jsons.createObjectBuilder().add("key", e.key().key()).add("value", e.text())
                    .add("default", e.defaultText()).add("overridden", e.overridden()).add("type", e.key().type().name())
                    .add("choices", Jsons.createArrayBuilder(e.key().choices()))
                    .add("description", e.key().description()));
        }
        return structured("settings", list.build());
    }

    /** Changes or resets one setting as {@code login}; a value the setting cannot take changes nothing. */
    private ToolResult setSetting(JsonObject a, String login) {
        String name = text(a, "key");
        Optional<SettingKey> found = name == null ? Optional.empty() : SettingKey.byKey(name);
        if (found.isEmpty()) {
            return ToolResult.error("Unknown setting '" + name + "'; the settings are "
                    + Arrays.stream(SettingKey.values()).map(SettingKey::key).toList());
        }
        SettingKey key = found.get();
        JsonValue value = a.getOrDefault("value", JsonValue.NULL);
        String textValue = switch (value.getValueType()) {
            case NULL -> "";
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> throw new InvalidRequest("value must be text, a number, true/false, or null to reset");
        };
        String before = settings.snapshot().get(key).text();
        try {
            if (textValue.isBlank()) {
                settings.reset(key, login);
            } else {
                settings.set(key, textValue, login);
            }
        } catch (IllegalArgumentException e) {
            return ToolResult.error("Setting not changed: " + e.getMessage());
        }
        SettingsService.Entry now = settings.snapshot().get(key);
        return ToolResult.structured(Jsons.createObjectBuilder().add("key", key.key()).add("old_value", before)
                .add("value", now.text()).add("default", now.defaultText()).add("overridden", now.overridden()).build());
    }

    private static JsonValue nullable(String text) {
        return text == null ? JsonValue.NULL : Jsons.createValue(text);
    }

    private static ToolResult structured(String key, JsonValue value) {
        return ToolResult.structured(Jsons.createObjectBuilder().add(key, value).build());
    }

    /** The caller's context with the call's {@code context} argument applied. */
    private static CallContext withContext(CallContext base, JsonObject arguments) {
        if (!(arguments.get("context") instanceof JsonObject context)) {
            return base;
        }
        CallContext c = base;
        if (context.get("tz") instanceof JsonString tz) {
            try {
                c = c.withTz(ZoneId.of(tz.getString()));
            } catch (DateTimeException e) {
                throw new InvalidRequest("context.tz '" + tz.getString() + "' is not a time zone; use an IANA name "
                        + "such as Europe/Brussels");
            }
        }
        if (context.get("allowed_company_ids") instanceof JsonArray companies) {
            c = c.withAllowedCompanies(longs(companies, "context.allowed_company_ids"));
        }
        if (context.containsKey("active_test")) {
            JsonValue activeTest = context.get("active_test");
            if (activeTest != JsonValue.TRUE && activeTest != JsonValue.FALSE) {
                throw new InvalidRequest("context.active_test must be true or false");
            }
            c = c.withActiveTest(activeTest == JsonValue.TRUE);
        }
        if (context.get("lang") instanceof JsonString lang) {
            c = c.withLang(lang.getString());
        }
        return c;
    }

    // Typed access to the arguments. The input schema already checked them, but an administrator
    // may edit a schema, and JSON-P's own getters would turn a wrong type into a ClassCastException
    // and a number too large into a silently different one: each says what it needs instead.

    private static String model(JsonObject a) {
        if (!(a.get("model") instanceof JsonString model)) {
            throw new InvalidRequest("model must be a string, the technical name of a model");
        }
        return model.getString();
    }

    private static JsonArray domain(JsonObject a) {
        JsonValue domain = a.getOrDefault("domain", JsonValue.EMPTY_JSON_ARRAY);
        if (!(domain instanceof JsonArray array)) {
            throw new InvalidRequest("domain must be a list of conditions");
        }
        return array;
    }

    private static List<Long> ids(JsonObject a) {
        if (!(a.get("ids") instanceof JsonArray ids)) {
            throw new InvalidRequest("ids must be a list of record ids");
        }
        return longs(ids, "ids");
    }

    private static List<Long> longs(JsonArray values, String what) {
        List<Long> longs = new ArrayList<>(values.size());
        for (JsonValue v : values) {
            try {
                longs.add(((JsonNumber) v).longValueExact());
            } catch (ClassCastException | ArithmeticException e) {
                throw new InvalidRequest(what + " must hold whole numbers of at most 19 digits, not " + v);
            }
        }
        return longs;
    }

    private static List<String> strings(JsonObject a, String key) {
        JsonValue value = a.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (!(v instanceof JsonString s)) {
                    throw new InvalidRequest(key + " must be a list of strings");
                }
                strings.add(s.getString());
            }
            return strings;
        }
        throw new InvalidRequest(key + " must be a list of strings");
    }

    private static String text(JsonObject a, String key) {
        JsonValue value = a.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidRequest(key + " must be a string");
        }
        return s.getString();
    }

    private static int offset(JsonObject a) {
        Integer offset = integer(a, "offset");
        return offset == null ? 0 : offset;
    }

    private static boolean flag(JsonObject a, String key) {
        JsonValue value = a.getOrDefault(key, JsonValue.FALSE);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new InvalidRequest(key + " must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static Integer integer(JsonObject a, String key) {
        JsonValue value = a.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        try {
            return ((JsonNumber) value).intValueExact();
        } catch (ClassCastException | ArithmeticException e) {
            throw new InvalidRequest(key + " must be a whole number of at most " + Integer.MAX_VALUE + ", not " + value);
        }
    }
}
