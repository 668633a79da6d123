package dev.bastion.audit;

import dev.bastion.access.CallContexts;
import dev.bastion.json.Jsons;
import dev.bastion.mcp.spi.Caller;
import dev.bastion.mcp.spi.RequestCompleted;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import dev.bastion.settings.SettingChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns every {@link RequestCompleted} (and every settings change) into an audit entry and
 * hands it to the {@link AuditWriter}. Runs on the serving thread, before the answer leaves,
 * so it only shapes the entry: parameters with secrets replaced by {@value #REDACTED} and, in
 * the values a {@code create} or {@code write} sends, the fields the caller may not read left
 * out. The answer of a request that changed data also waits until its entry is stored.
 * Never fails the request: an entry that cannot be shaped is logged and kept without
 * parameters.
 */
@ApplicationScoped
public class AuditTrail {

    static final String REDACTED = "[redacted]";
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    /** Parameter names whose values are secrets wherever they appear. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|api[_-]?key|authorization|credential|access_token|refresh_token"
                    + "|id_token|code_verifier).*|key|token");
    /** A Bastion API key inside any text (pasted into an argument, say). */
    private static final Pattern API_KEY = Pattern.compile("bst_[A-Za-z0-9_-]{16,}");
    private static final Set<String> WRITING_TOOLS = Set.of("create", "write");
    /** How long the answer of a write waits for its audit entry to be stored (the database may be away). */
    static final long DURABLE_WAIT_MILLIS = 10_000;

    @Inject
    AuditWriter writer;

    @Inject
    CallContexts contexts;

    @Inject
    Records records;

    @Inject
    @ConfigProperty(name = "bastion.audit.enabled", defaultValue = "true")
    boolean enabled;

    void requestCompleted(@Observes RequestCompleted request) {
        if (!enabled) {
            return;
        }
        String params;
        try {
            params = request.params() == null ? null : redact(request.params(), readable(request)).toString();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit entry of " + request.method() + " kept without its parameters", e);
            params = "{\"unavailable\":\"the parameters could not be redacted\"}";
        }
        Caller caller = request.caller();
        long place = writer.append(new AuditRecord(LocalDateTime.ofInstant(request.at(), ZoneOffset.UTC),
                caller == null ? null : caller.userId(), caller == null ? null : caller.name(),
                caller == null ? null : caller.apiKeyId(), caller == null ? null : caller.apiKeyPrefix(),
                request.sessionId(), request.revision(), request.clientName(), request.clientVersion(),
                request.method(), request.requestId(), request.target(), request.model(),
                request.records() == null ? null : request.records().toString(), params,
                request.outcome().name().toLowerCase(Locale.ROOT), request.errorCode(), request.httpStatus(),
                request.ip(), request.userAgent(), request.durationMillis(), request.responseBytes(),
                caller == null ? null : caller.oauthClient()));
        if (place > 0 && changedData(request.records()) && !writer.awaitStored(place, DURABLE_WAIT_MILLIS)) {
            LOG.warning(() -> "The audit entry of " + request.method() + " " + request.requestId() + " of "
                    + request.sessionId() + " was not stored within " + DURABLE_WAIT_MILLIS + " ms; answering anyway");
        }
    }

    /**
     * Whether the request created, wrote, deleted or called something: then its answer waits for
     * its entry to be stored, so that a write a client saw acknowledged is audited even if the
     * node dies the next moment (a kill -9 takes the queue with it). Not while the database
     * refuses the audit's batches: an outage must not hold every answer (the entry is stored once
     * the database is back, as before). Reads are audited off the request path, as before.
     */
    static boolean changedData(JsonObject records) {
        if (records == null) {
            return false;
        }
        return records.values().stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                .anyMatch(operations -> operations.keySet().stream().anyMatch(op -> !op.startsWith(RequestTrace.READ)));
    }

    /** A setting changed (through MCP, the admin console or code): its old and new value, once, by the node it changed on. */
    void settingChanged(@Observes SettingChanged change) {
        if (!enabled || change.fromAnotherNode()) {
            return;
        }
        JsonObject values = Jsons.createObjectBuilder().add("key", change.key().key())
                .add("old", String.valueOf(change.oldValue())).add("new", String.valueOf(change.newValue())).build();
        writer.append(new AuditRecord(LocalDateTime.now(ZoneOffset.UTC), null, change.changedBy(), null, null, null, null, null,
                null, "settings/changed", null, change.key().key(), null, null, values.toString(), "ok", null, 0,
                null, null, 0, 0, null));
    }

    /**
     * Which fields of the values a create or write sends the caller may read; every field for
     * other requests (their parameters name no field values).
     */
    private Predicate<String> readable(RequestCompleted request) {
        JsonObject params = request.params();
        if (request.caller() == null || !"tools/call".equals(request.method())
                || !(params.get("name") instanceof JsonString tool) || !WRITING_TOOLS.contains(tool.getString())
                || !(params.get("arguments") instanceof JsonObject arguments)
                || !(arguments.get("model") instanceof JsonString model)) {
            return field -> true;
        }
        Optional<CallContext> context = contexts.forUser(request.caller().userId());
        if (context.isEmpty()) {
            return field -> false;
        }
        return field -> {
            try {
                return records.fieldAllowed(context.get(), model.getString(), field, Operation.READ);
            } catch (RuntimeException unknownModelOrField) {
                // Not a field the caller can read (the call itself is refused for it): leave it out.
                return false;
            }
        };
    }

    /** {@code params} with secrets replaced and, under {@code arguments.values}, unreadable fields left out. */
    static JsonObject redact(JsonObject params, Predicate<String> readable) {
        JsonObjectBuilder out = Jsons.createObjectBuilder();
        params.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches() && !"progressToken".equals(name)) {
                out.add(name, REDACTED);
            } else if ("arguments".equals(name) && value instanceof JsonObject arguments) {
                out.add(name, redactArguments(arguments, readable));
            } else {
                out.add(name, redact(value));
            }
        });
        return out.build();
    }

    private static JsonObject redactArguments(JsonObject arguments, Predicate<String> readable) {
        JsonObjectBuilder out = Jsons.createObjectBuilder();
        arguments.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                out.add(name, REDACTED);
            } else if ("values".equals(name) && value instanceof JsonObject values) {
                out.add(name, readableValues(values, readable));
            } else if ("values".equals(name) && value instanceof JsonArray list) {
                JsonArrayBuilder kept = Jsons.createArrayBuilder();
                list.forEach(item -> kept.add(item instanceof JsonObject o ? readableValues(o, readable) : redact(item)));
                out.add(name, kept);
            } else {
                out.add(name, redact(value));
            }
        });
        return out.build();
    }

    private static JsonObject readableValues(JsonObject values, Predicate<String> readable) {
        JsonObjectBuilder out = Jsons.createObjectBuilder();
        values.forEach((field, value) -> {
            if (readable.test(field)) {
                out.add(field, SECRET_NAME.matcher(field).matches() ? Jsons.createValue(REDACTED) : redact(value));
            }
        });
        return out.build();
    }

    private static JsonValue redact(JsonValue value) {
        if (value instanceof JsonObject object) {
            return redact(object, field -> true);
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder out = Jsons.createArrayBuilder();
            array.forEach(item -> out.add(redact(item)));
            return out.build();
        }
        if (value instanceof JsonString text && API_KEY.matcher(text.getString()).find()) {
            return Jsons.createValue(API_KEY.matcher(text.getString()).replaceAll(REDACTED));
        }
        return value;
    }
}
