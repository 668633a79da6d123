package dev.bastion.resources;

import dev.bastion.access.CallContexts;
import dev.bastion.erp.base.Modules;
import dev.bastion.mcp.protocol.ErrorCode;
import dev.bastion.mcp.protocol.McpException;
import dev.bastion.mcp.protocol.ProtocolRevision;
import dev.bastion.mcp.spi.Content;
import dev.bastion.mcp.spi.RequestContext;
import dev.bastion.mcp.spi.RequestTrace;
import dev.bastion.mcp.spi.ResourceDefinition;
import dev.bastion.mcp.spi.ResourceProvider;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.FieldInfo;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.MethodCalls;
import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Operation;
import dev.bastion.orm.Records;
import dev.bastion.platform.DatabaseReady;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.lang.reflect.Parameter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in resources, defined by {@code mcp.resource} records: system information, the
 * models the caller may use, a model's fields and methods, the caller's access to a model,
 * module metadata, and any record as JSON. Everything is read with the caller's rights; a
 * record the caller may not see is "not found", exactly like a missing one.
 */
@ApplicationScoped
@Transactional
public class RecordResources implements ResourceProvider {

    private static final String JSON = "application/json";

    @Inject
    EntityManager em;

    @Inject
    CallContexts contexts;

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    @Inject
    Modules modules;

    @Inject
    SettingsService settings;

    @Inject
    @ConfigProperty(name = "bastion.version")
    String version;

    @Transactional
    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) DatabaseReady ready) {
        Set<String> present = em.createQuery("select r.handler from McpResource r", String.class).getResultStream()
                .collect(Collectors.toSet());
        Arrays.stream(BuiltinResource.values()).filter(b -> !present.contains(b.handlerName()))
                .forEach(b -> em.persist(McpResource.of(b)));
    }

    private List<McpResource> active() {
        return em.createQuery("select r from McpResource r where r.active = true order by r.sequence, r.name",
                McpResource.class).getResultList();
    }

    private static ResourceDefinition definition(McpResource r) {
        return new ResourceDefinition(r.getUri(), r.getName(), r.getTitle(), r.getDescription(), r.getMimeType());
    }

    @Override
    public List<ResourceDefinition> resources(RequestContext context) {
        if (contexts.forUser(context.caller().userId()).isEmpty()) {
            return List.of();
        }
        return active().stream().filter(r -> !r.isTemplate()).map(RecordResources::definition).toList();
    }

    @Override
    public List<ResourceDefinition> templates(RequestContext context) {
        if (contexts.forUser(context.caller().userId()).isEmpty()) {
            return List.of();
        }
        return active().stream().filter(McpResource::isTemplate).map(RecordResources::definition).toList();
    }

    @Override
    public Optional<List<JsonObject>> read(String uri, RequestContext context) {
        Optional<CallContext> caller = contexts.forUser(context.caller().userId());
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        for (McpResource r : active()) {
            Optional<Map<String, String>> values = UriTemplate.match(r.getUri(), uri);
            Optional<BuiltinResource> handler = BuiltinResource.handler(r.getHandler());
            if (values.isPresent() && handler.isPresent()) {
                try {
                    return contents(handler.get(), values.get(), caller.get(), context)
                            .map(json -> List.of(Content.textContents(uri, r.getMimeType(), json.toString())));
                } catch (AccessDenied e) {
                    context.trace().denied();
                    throw new McpException(ErrorCode.FORBIDDEN, e.getMessage());
                } catch (InvalidRequest e) {
                    throw McpException.invalidParams(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<JsonObject> contents(BuiltinResource handler, Map<String, String> values, CallContext c,
                                          RequestContext context) {
        return switch (handler) {
            case SYSTEM -> Optional.of(system(c));
            case MODELS -> Optional.of(models(c));
            case MODEL_FIELDS -> readableModel(values.get("model"), c).map(m -> fields(m, c));
            case MODEL_ACCESS -> registry.all().containsKey(values.get("model"))
                    ? Optional.of(access(registry.require(values.get("model")), c)) : Optional.empty();
            case MODULE -> modules.find(values.get("module")).map(m -> Jsons.createObjectBuilder()
                    .add("name", m.name()).add("title", m.title()).add("version", m.version()).add("summary", m.summary())
                    .add("depends", Jsons.createArrayBuilder(m.depends())).add("models", Jsons.createArrayBuilder(m.models()))
                    .build());
            case RECORD -> record(values.get("model"), values.get("id"), c, context);
        };
    }

    private JsonObject system(CallContext c) {
        JsonObject companies = records.read(c, "res.company", c.allowedCompanyIds(), List.of("name", "currency_id", "tz"));
        JsonArrayBuilder revisions = Jsons.createArrayBuilder();
        Arrays.stream(ProtocolRevision.values()).forEach(r -> revisions.add(r.version()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return Jsons.createObjectBuilder()
                .add("product", "Bastion").add("version", version)
                .add("protocol_revisions", revisions)
                .add("server_time", now.toString())
                .add("time_zone", c.tz().getId())
                .add("local_time", now.atZoneSameInstant(c.tz()).toOffsetDateTime().toString())
                .add("user", Jsons.createObjectBuilder().add("id", c.uid()).add("login", c.login())
                        .add("lang", c.lang() == null ? "en_US" : c.lang()))
                .add("current_company_id", c.companyId())
                .add("companies", companies.getJsonArray("records"))
                .add("modules", Jsons.createArrayBuilder(modules.all().stream().map(Modules.Module::name).toList()))
                .add("max_records", settings.getCount(SettingKey.MAX_RECORDS))
                .build();
    }

    private JsonObject models(CallContext c) {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        registry.all().values().stream().filter(m -> records.allowed(c, m.name(), Operation.READ))
                .sorted(java.util.Comparator.comparing(ModelInfo::name))
                .forEach(m -> list.add(Jsons.createObjectBuilder().add("model", m.name()).add("name", m.label())
                        .add("description", m.description()).add("module", m.module())));
        return Jsons.createObjectBuilder().add("models", list).build();
    }

    private Optional<ModelInfo> readableModel(String model, CallContext c) {
        if (!registry.all().containsKey(model)) {
            return Optional.empty();
        }
        if (!records.allowed(c, model, Operation.READ)) {
            throw new AccessDenied("you may not read records of " + model);
        }
        return Optional.of(registry.require(model));
    }

    private JsonObject fields(ModelInfo m, CallContext c) {
        JsonObject all = m.describeFields();
        JsonObjectBuilder fields = Jsons.createObjectBuilder();
        all.forEach((name, description) -> {
            if (records.fieldAllowed(c, m.name(), name, Operation.READ)) {
                fields.add(name, description);
            }
        });
        JsonArrayBuilder methods = Jsons.createArrayBuilder();
        records.callableMethods(c, m.name()).forEach(method -> methods.add(method(method)));
        return Jsons.createObjectBuilder().add("model", m.name()).add("name", m.label()).add("description", m.description())
                .add("module", m.module()).add("order", m.order()).add("rec_name", m.recName())
                .add("fields", fields).add("methods", methods).build();
    }

    private static JsonObject method(MethodCalls.Callable callable) {
        JsonArrayBuilder parameters = Jsons.createArrayBuilder();
        Parameter[] all = callable.method().getParameters();
        for (int i = 1; i < all.length; i++) {
            parameters.add(Jsons.createObjectBuilder().add("name", all[i].getName())
                    .add("type", all[i].getType().getSimpleName())
                    .add("required", !all[i].isAnnotationPresent(dev.bastion.orm.OptionalArgument.class)));
        }
        return Jsons.createObjectBuilder().add("name", callable.name()).add("description", callable.info().description())
                .add("destructive", callable.info().destructive()).add("read_only", callable.info().readOnly())
                .add("parameters", parameters).build();
    }

    private JsonObject access(ModelInfo m, CallContext c) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("model", m.name());
        Map<Operation, Boolean> allowed = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            allowed.put(op, records.allowed(c, m.name(), op));
            b.add(op == Operation.UNLINK ? "delete" : op.name().toLowerCase(java.util.Locale.ROOT), allowed.get(op));
        }
        boolean readable = allowed.get(Operation.READ);
        boolean writable = allowed.get(Operation.WRITE) || allowed.get(Operation.CREATE);
        JsonArrayBuilder readFields = Jsons.createArrayBuilder();
        JsonArrayBuilder writeFields = Jsons.createArrayBuilder();
        for (FieldInfo f : m.fields().values()) {
            if (readable && records.fieldAllowed(c, m.name(), f.name(), Operation.READ)) {
                readFields.add(f.name());
            }
            if (writable && !f.readonly() && records.fieldAllowed(c, m.name(), f.name(), Operation.WRITE)) {
                writeFields.add(f.name());
            }
        }
        JsonArrayBuilder methods = Jsons.createArrayBuilder();
        records.callableMethods(c, m.name()).forEach(method -> methods.add(method.name()));
        return b.add("readable_fields", readFields).add("writable_fields", writeFields).add("methods", methods)
                .add("note", "Record rules may further limit which records you see and change (own documents, your companies).")
                .build();
    }

    private Optional<JsonObject> record(String model, String id, CallContext c, RequestContext context) {
        if (!registry.all().containsKey(model)) {
            return Optional.empty();
        }
        long recordId;
        try {
            recordId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        JsonObject read = records.read(c, model, List.of(recordId), List.of());
        context.trace().touched(model, RequestTrace.READ, read.getJsonArray("records").isEmpty() ? List.of() : List.of(recordId));
        return read.getJsonArray("records").isEmpty() ? Optional.empty()
                : Optional.of(read.getJsonArray("records").getJsonObject(0));
    }

    @Override
    public List<String> complete(String uriTemplate, String argument, String prefix, Map<String, String> resolved,
                                 RequestContext context) {
        Optional<CallContext> caller = contexts.forUser(context.caller().userId());
        if (caller.isEmpty() || active().stream().noneMatch(r -> r.getUri().equals(uriTemplate))) {
            return List.of();
        }
        CallContext c = caller.get();
        return switch (argument) {
            case "model" -> registry.all().keySet().stream().filter(m -> m.startsWith(prefix))
                    .filter(m -> records.allowed(c, m, Operation.READ)).sorted().toList();
            case "module" -> modules.all().stream().map(Modules.Module::name).filter(m -> m.startsWith(prefix)).toList();
            case "id" -> recordIds(resolved.get("model"), prefix, c);
            default -> List.of();
        };
    }

    /**
     * Ids of records of {@code model} whose id starts with {@code prefix} or, when the model has
     * a display-name field the caller may read, whose name contains it. Checked beforehand
     * rather than caught: a refusal inside this transaction would roll it back.
     */
    private List<String> recordIds(String model, String prefix, CallContext c) {
        if (model == null || !registry.all().containsKey(model) || !records.allowed(c, model, Operation.READ)) {
            return List.of();
        }
        ModelInfo m = registry.require(model);
        boolean numeric = !prefix.isEmpty() && prefix.chars().allMatch(Character::isDigit);
        boolean named = m.field(m.recName()).isPresent() && records.fieldAllowed(c, model, m.recName(), Operation.READ);
        if (!numeric && !prefix.isEmpty() && !named) {
            return List.of();
        }
        JsonArray domain = numeric || prefix.isEmpty() ? JsonValue.EMPTY_JSON_ARRAY : Jsons.createArrayBuilder()
                .add(Jsons.createArrayBuilder().add(m.recName()).add("ilike").add(prefix)).build();
        return records.search(c, model, domain, List.of("id"), 0, 100, null).records().stream()
                .map(r -> String.valueOf(r.asJsonObject().getJsonNumber("id").longValue()))
                .filter(id -> !numeric || id.startsWith(prefix)).toList();
    }
}
