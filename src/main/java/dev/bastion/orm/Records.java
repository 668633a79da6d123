package dev.bastion.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The record service: search, read and count on any model, with the caller's rights. Every
 * call asks the {@link AccessPolicy} about the model, each field it reads, filters or orders
 * on, and applies the policy's record rules; there is no other way to the data. Failures leave
 * it only as {@link OrmException}s ({@link EngineErrors}). Each call is one transaction; the
 * work is done by {@link RecordReads}, {@link RecordWrites}, {@link RecordGroups} and
 * {@link RecordDefaults}, over the scope of {@link RecordScope}.
 */
@ApplicationScoped
@Transactional
@EngineBoundary
public class Records {

    @Inject
    ModelRegistry registry;

    @Inject
    RecordScope scope;

    @Inject
    RecordReads reads;

    @Inject
    RecordWrites writes;

    @Inject
    RecordGroups groups;

    @Inject
    RecordDefaults defaults;

    @Inject
    MethodCalls methods;

    /** Whether the caller's rights and the MCP overrides let {@code operation} on {@code model} through at all. */
    public boolean allowed(CallContext context, String model, Operation operation) {
        return scope.policy().mayDo(context, registry.require(model), operation);
    }

    /** Whether the caller may use {@code field} of {@code model} for {@code operation}. */
    public boolean fieldAllowed(CallContext context, String model, String field, Operation operation) {
        return scope.policy().mayUse(context, registry.require(model), field, operation);
    }

    /** The public business methods of {@code model} the caller may call (blocked ones left out). */
    public List<MethodCalls.Callable> callableMethods(CallContext context, String model) {
        ModelInfo m = registry.require(model);
        AccessPolicy policy = scope.policy();
        return methods.of(model).stream().filter(c -> {
            try {
                policy.checkMethod(context, m, c.name());
                return policy.mayDo(context, m, c.info().readOnly() ? Operation.READ : Operation.WRITE);
            } catch (AccessDenied e) {
                return false;
            }
        }).toList();
    }

    /**
     * One page of a search.
     *
     * @param records the records, each with {@code id} and the fields asked for
     * @param total   how many records match in all: counted when asked for, else known only when
     *                this page reaches the last match, and null otherwise
     * @param offset  where this page starts
     * @param limit   the page size applied (capped by the max-records setting)
     * @param more    whether records match beyond this page
     */
    public record Page(JsonArray records, Long total, int offset, int limit, boolean more) {
    }

    /**
     * Searches {@code model} with an Odoo domain.
     *
     * @param fields technical field names, or empty for the default set (no binaries, long texts or x2many)
     * @param limit  page size; null or larger than the max-records setting means that setting
     * @param order  Odoo order ({@code "name asc, id desc"}), or null for the model's default
     */
    public Page search(CallContext context, String model, JsonArray domain, List<String> fields, int offset,
                       Integer limit, String order) {
        return search(context, model, domain, fields, offset, limit, order, true);
    }

    /**
     * Searches as {@link #search(CallContext, String, JsonArray, List, int, Integer, String)}, counting
     * every match only when {@code countAll}: otherwise the page reads one record more than it
     * returns to tell whether another page follows. Counting 100,000 matches costs a hundred times
     * what reading a page of them does, on any database.
     */
    public Page search(CallContext context, String model, JsonArray domain, List<String> fields, int offset,
                       Integer limit, String order, boolean countAll) {
        return reads.search(context, model, domain, fields, offset, limit, order, countAll);
    }

    /** How many records of {@code model} match {@code domain}. */
    public long count(CallContext context, String model, JsonArray domain) {
        return reads.count(context, model, domain);
    }

    /**
     * Reads records by id; ids that do not exist or that the caller may not see are listed
     * under {@code missing} (the two are not told apart, so nothing leaks).
     */
    public JsonObject read(CallContext context, String model, List<Long> ids, List<String> fields) {
        return reads.read(context, model, ids, fields);
    }

    /**
     * Creates one record per value map, all or none.
     *
     * @return the new ids, in order
     * @throws InvalidRequest naming a missing required field, a read-only one or a bad value
     */
    public List<Long> create(CallContext context, String model, List<JsonObject> values) {
        return writes.create(context, model, values);
    }

    /**
     * Writes the same values to every record of {@code ids}, all or none. Records changed by
     * someone else meanwhile are refused ({@link ConcurrentUpdate}), never overwritten.
     */
    public void write(CallContext context, String model, List<Long> ids, JsonObject values) {
        writes.write(context, model, ids, values);
    }

    /**
     * Deletes records, all or none; refused with the referring model and field named when
     * other records still point at them.
     */
    public void unlink(CallContext context, String model, List<Long> ids) {
        writes.unlink(context, model, ids);
    }

    /**
     * Calls a public business method on records, in this transaction: all or nothing. Needs
     * write access to the records, or read access for methods marked read-only.
     */
    public JsonValue call(CallContext context, String model, String method, List<Long> ids, JsonArray args,
                          JsonObject kwargs) {
        return writes.call(context, model, method, ids, args, kwargs);
    }

    /** {@code name_search}: records whose display name contains {@code text}, as {@code [id, name]} pairs. */
    public JsonArray nameSearch(CallContext context, String model, String text, JsonArray domain, Integer limit) {
        return reads.nameSearch(context, model, text, domain, limit);
    }

    /**
     * {@code default_get}: the values a new record would start with: the entity's own initial
     * values, the caller's company for a company field, today in the caller's zone for a date
     * field named {@code date*}.
     */
    public JsonObject defaultGet(CallContext context, String model, List<String> fields) {
        return defaults.defaultGet(context, model, fields);
    }

    /**
     * {@code read_group}: records matching {@code domain} grouped by {@code groupBy} (fields, and
     * dates by {@code day|week|month|quarter|year}, default month, in the caller's zone) with
     * {@code __count} and the {@code aggregates} ({@code field[:sum|avg|min|max|count]}). The
     * database groups and aggregates; date buckets are merged here.
     */
    public JsonArray readGroup(CallContext context, String model, JsonArray domain, List<String> aggregates,
                               List<String> groupBy, String orderBy, int offset, Integer limit) {
        return groups.readGroup(context, model, domain, aggregates, groupBy, orderBy, offset, limit);
    }
}
