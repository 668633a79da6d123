package dev.bastion.tools;

import dev.bastion.access.Scopes;
import dev.bastion.orm.Operation;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in tools: the data engine's operations as MCP tools, with the wording and schemas
 * seeded into {@code mcp_tool}. Descriptions are written for the model that calls them: the
 * domain syntax with examples, how fields and paging work, and what the context may change.
 */
enum Builtin {

    SEARCH("Search records", "data", 10, Operation.READ, true, false, false, """
            Search records of a model with an Odoo domain and get one page of them.
            - model: technical name, e.g. res.partner, sale.order, account.move (read bastion://models for the list).
            - domain: list of conditions [field, operator, value], implicitly ANDed; prefix "|" (or), "&" (and), "!" (not) \
            combine the next conditions. Operators: = != < <= > >= in "not in" like ilike "not ilike" =like =ilike \
            child_of parent_of. Dotted paths follow relations. false means empty/NULL. Examples: \
            [["customer_rank",">",0],["country_id.code","=","BE"]]; ["|",["state","=","draft"],["state","=","sent"]]; \
            [["invoice_date",">=","2026-01-01"],["partner_id.name","ilike","acme"]].
            - fields: field names to return (default: a compact set without long texts and binaries); relations come as \
            [id, "display name"].
            - order: e.g. "amount_total desc, id"; limit/offset page through results. more and next_offset say whether \
            and where the next page starts. total is how many matched in all when the last page is reached, else null: \
            pass with_total true to have every match counted (slow on large models; the count tool only counts).
            - context: tz (IANA zone for datetimes), allowed_company_ids (narrow companies), active_test (false to include \
            archived records), lang.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string","description":"Technical model name, e.g. res.partner"},
              "domain":{"type":"array","description":"Odoo domain, e.g. [[\\"name\\",\\"ilike\\",\\"acme\\"]]","default":[]},
              "fields":{"type":"array","items":{"type":"string"},"description":"Field names; empty for the default set"},
              "order":{"type":"string","description":"e.g. \\"date_order desc, id\\""},
              "limit":{"type":"integer","minimum":1,"description":"Page size (capped by the server)"},
              "offset":{"type":"integer","minimum":0,"default":0},
              "with_total":{"type":"boolean","default":false,"description":"Count every match into total"},
              "context":%s},
             "required":["model"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},"records":{"type":"array","items":{"type":"object"}},
              "count":{"type":"integer"},"total":{"type":["integer","null"]},"offset":{"type":"integer"},"limit":{"type":"integer"},
              "more":{"type":"boolean"},"next_offset":{"type":["integer","null"]},"truncated":{"type":"boolean"}},
             "required":["records","count","total","offset","more"]}"""),

    READ("Read records by id", "data", 20, Operation.READ, true, false, false, """
            Read records of a model by their ids. Ids that do not exist or that you may not see are listed under \
            "missing". fields: names to return (default: a compact set); relations come as [id, "display name"], \
            one2many/many2many as id lists (ask for them by name). context as for search.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "ids":{"type":"array","items":{"type":"integer"},"minItems":1},
              "fields":{"type":"array","items":{"type":"string"}},
              "context":%s},
             "required":["model","ids"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"records":{"type":"array","items":{"type":"object"}},
              "missing":{"type":"array","items":{"type":"integer"}}},"required":["records","missing"]}"""),

    CREATE("Create records", "data", 30, Operation.CREATE, false, false, false, """
            Create one record (values: an object) or several (values: a list of objects); returns the new ids. Use \
            default_get first to see the defaults, and the bastion://model/{model}/fields resource for the fields. \
            many2one: an id; one2many/many2many: commands [[0,0,{values}]] create, [4,id] link, [6,0,[ids]] set, so an \
            order and its lines are created in one call, e.g. {"partner_id": 7, "order_line": [[0,0,{"product_id": 3, \
            "product_uom_qty": 2}]]}. Datetimes without an offset are taken in your time zone.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "values":{"oneOf":[{"type":"object"},{"type":"array","items":{"type":"object"},"minItems":1}]},
              "context":%s},
             "required":["model","values"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"ids":{"type":"array","items":{"type":"integer"}}},"required":["ids"]}"""),

    WRITE("Update records", "data", 40, Operation.WRITE, false, false, true, """
            Write the same values to records given by ids, all or none. Relations as for create; one2many and \
            many2many also take [1,id,{values}] update, [2,id] delete, [3,id] unlink, [5] clear. Fails without \
            change when someone else modified a record meanwhile: read it again and retry.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "ids":{"type":"array","items":{"type":"integer"},"minItems":1},
              "values":{"type":"object","minProperties":1},
              "context":%s},
             "required":["model","ids","values"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"ids":{"type":"array","items":{"type":"integer"}}},"required":["ids"]}"""),

    UNLINK("Delete records", "data", 50, Operation.UNLINK, false, true, true, """
            Delete records by ids, all or none. Refused, naming the model and field, while other records still refer \
            to them. The user may be asked to confirm first.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "ids":{"type":"array","items":{"type":"integer"},"minItems":1},
              "context":%s},
             "required":["model","ids"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"deleted":{"type":"array","items":{"type":"integer"}}},"required":["deleted"]}"""),

    COUNT("Count records", "data", 60, Operation.READ, true, false, false, """
            Count the records of a model matching a domain (same syntax as search), without reading them.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "domain":{"type":"array","default":[]},
              "context":%s},
             "required":["model"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}"""),

    AGGREGATE("Aggregate (group and total)", "data", 70, Operation.READ, true, false, false, """
            Group records and total them (Odoo read_group): totals by customer, month, state... \
            group_by: fields, and dates as field:day|week|month|quarter|year (in your time zone), e.g. \
            ["partner_id"] or ["date_order:month","state"]. aggregates: field:sum|avg|min|max|count, e.g. \
            ["amount_total:sum"]. Each group has its keys, __count and the aggregates. order: e.g. \
            "amount_total:sum desc"; limit/offset page through the groups. domain as for search.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "domain":{"type":"array","default":[]},
              "group_by":{"type":"array","items":{"type":"string"},"minItems":1},
              "aggregates":{"type":"array","items":{"type":"string"}},
              "order":{"type":"string"},
              "limit":{"type":"integer","minimum":1},
              "offset":{"type":"integer","minimum":0,"default":0},
              "context":%s},
             "required":["model","group_by"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"groups":{"type":"array","items":{"type":"object"}}},"required":["groups"]}"""),

    DEFAULT_GET("Default values", "data", 80, Operation.CREATE, true, false, false, """
            The values a new record of a model starts with (your company, today, first choices...), to show or \
            complete before create. fields: names to ask for, or empty for all.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "fields":{"type":"array","items":{"type":"string"}},
              "context":%s},
             "required":["model"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"values":{"type":"object"}},"required":["values"]}"""),

    METHOD_CALL("Call a business method", "methods", 90, Operation.WRITE, false, false, false, """
            Call a public business method of a model on records, all or nothing, e.g. sale.order action_confirm \
            (quotation to order), sale.order action_create_invoice, account.move action_post, account.move \
            action_register_payment with kwargs {"amount": 100.0, "date": "2026-11-25"}. The \
            bastion://model/{model}/fields resource lists each model's methods and their parameters. Destructive \
            methods may ask the user for confirmation first.""",
            """
            {"type":"object","properties":{
              "model":{"type":"string"},
              "method":{"type":"string","description":"Public method name, e.g. action_confirm"},
              "ids":{"type":"array","items":{"type":"integer"},"default":[]},
              "args":{"type":"array","default":[]},
              "kwargs":{"type":"object","default":{}},
              "context":%s},
             "required":["model","method"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"result":{}},"required":["result"]}"""),

    LIST_MODULES("List installed modules", "discovery", 100, null, true, false, false, """
            The installed business modules with their title, version, summary, dependencies and models: where to \
            start exploring this ERP.""",
            """
            {"type":"object","properties":{},"additionalProperties":false}""",
            """
            {"type":"object","properties":{"modules":{"type":"array","items":{"type":"object"}}},"required":["modules"]}"""),

    LIST_COMPANIES("List my companies", "discovery", 110, null, true, false, false, """
            The companies you may work in (id, name, currency, time zone), your current company and the ones \
            a call may use by default; pass context.allowed_company_ids to narrow a call.""",
            """
            {"type":"object","properties":{},"additionalProperties":false}""",
            """
            {"type":"object","properties":{"companies":{"type":"array","items":{"type":"object"}},
              "current_company_id":{"type":"integer"},"allowed_company_ids":{"type":"array","items":{"type":"integer"}}},
             "required":["companies","current_company_id","allowed_company_ids"]}"""),

    // Administration: offered to MCP administrators (and Settings administrators) only, whatever
    // the tool's record says, since they reach beyond the caller's own data.

    LIST_SESSIONS("List live MCP sessions", "administration", 200, true, false, false, """
            The live MCP sessions of the stateful protocol revisions on this server, on every node of a cluster             (2026-07-28 clients are stateless and have none): id, user (login), client name and version, protocol             revision, when it was created, its last activity, when it expires if it stays idle (bastion.session.ttl),             how many GET streams it holds open, which node holds its server-to-client stream (stream_node) and how             many requests it made. Times are UTC.""",
            """
            {"type":"object","properties":{},"additionalProperties":false}""",
            """
            {"type":"object","properties":{"sessions":{"type":"array","items":{"type":"object","properties":{
              "id":{"type":"string"},"user":{"type":"string"},"client_name":{"type":["string","null"]},
              "client_version":{"type":["string","null"]},"revision":{"type":"string"},"created":{"type":"string"},
              "last_activity":{"type":"string"},"expires":{"type":"string"},"open_streams":{"type":"integer"},
              "requests":{"type":"integer"},"stream_node":{"type":["string","null"]}}}}},
             "required":["sessions"]}"""),

    END_SESSION("End an MCP session", "administration", 210, false, true, true, """
            End a live MCP session by its id (from list_sessions): what runs in it is cancelled, its open streams             close at once and its client's next request gets 404, so the client has to initialize a new session             (and authenticate again: revoke the user's API key to keep it out).""",
            """
            {"type":"object","properties":{"session_id":{"type":"string","description":"The id list_sessions gives"}},
             "required":["session_id"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"ended":{"type":"string"}},"required":["ended"]}"""),

    GET_SETTINGS("Read the server settings", "administration", 220, true, false, false, """
            The live server settings: key, current value, default (from the deployment's configuration), whether an             administrator overrode the default, the kind of value (BOOLEAN, COUNT, DURATION, LIST, ORIGINS, CIDRS,             CHOICE), the allowed choices and what the setting does. Changes take effect at once, without a restart;             change them with set_setting.""",
            """
            {"type":"object","properties":{},"additionalProperties":false}""",
            """
            {"type":"object","properties":{"settings":{"type":"array","items":{"type":"object","properties":{
              "key":{"type":"string"},"value":{"type":"string"},"default":{"type":"string"},
              "overridden":{"type":"boolean"},"type":{"type":"string"},"choices":{"type":"array"},
              "description":{"type":"string"}}}}},
             "required":["settings"]}"""),

    SET_SETTING("Change a server setting", "administration", 230, false, false, true, """
            Change one live server setting (the keys get_settings lists); it takes effect at once for every client.             value as text: true/false, a whole number, a duration (30s, 15m, 2h, 90d or PT30M), a comma-separated             list, or one of the choices. An empty value or null resets the setting to its default. A value the             setting cannot take is refused and nothing changes. Careful: bastion.server.enabled false turns /mcp off             for everyone, this tool included; it is turned on again from the admin console.""",
            """
            {"type":"object","properties":{
              "key":{"type":"string","description":"e.g. bastion.rate-limit.per-minute"},
              "value":{"type":["string","number","boolean","null"],"description":"The new value; empty or null resets it"}},
             "required":["key"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"key":{"type":"string"},"old_value":{"type":"string"},
              "value":{"type":"string"},"default":{"type":"string"},"overridden":{"type":"boolean"}},
             "required":["key","old_value","value","default","overridden"]}""");

    /** The groups (stable names) whose members are offered the administration tools. */
    static final Set<String> ADMINISTRATORS = Set.of("base.group_mcp_admin", "base.group_system");

    private static final String CONTEXT = """
            {"type":"object","description":"Per-call context","properties":{
              "tz":{"type":"string","description":"IANA time zone for datetimes, e.g. Europe/Brussels"},
              "allowed_company_ids":{"type":"array","items":{"type":"integer"},"description":"Companies this call may see"},
              "active_test":{"type":"boolean","description":"false to include archived records"},
              "lang":{"type":"string","description":"Language code, e.g. en_US"}},
             "additionalProperties":false}""";

    private final String title;
    private final String category;
    private final int sequence;
    private final Operation needs;
    private final boolean readOnly;
    private final boolean destructive;
    private final boolean idempotent;
    private final String description;
    private final JsonObject inputSchema;
    private final JsonObject outputSchema;
    private final boolean administration;

    Builtin(String title, String category, int sequence, Operation needs, boolean readOnly, boolean destructive,
            boolean idempotent, String description, String inputSchema, String outputSchema) {
        this(title, category, sequence, needs, readOnly, destructive, idempotent, description, inputSchema,
                outputSchema, false);
    }

    /** An administration tool: it needs no model right but membership of {@link #ADMINISTRATORS}. */
    Builtin(String title, String category, int sequence, boolean readOnly, boolean destructive, boolean idempotent,
            String description, String inputSchema, String outputSchema) {
        this(title, category, sequence, null, readOnly, destructive, idempotent, description, inputSchema,
                outputSchema, true);
    }

    private Builtin(String title, String category, int sequence, Operation needs, boolean readOnly,
                    boolean destructive, boolean idempotent, String description, String inputSchema,
                    String outputSchema, boolean administration) {
        this.administration = administration;
        this.title = title;
        this.category = category;
        this.sequence = sequence;
        this.needs = needs;
        this.readOnly = readOnly;
        this.destructive = destructive;
        this.idempotent = idempotent;
        this.description = description;
        this.inputSchema = json(inputSchema.contains("%s") ? inputSchema.formatted(CONTEXT) : inputSchema);
        this.outputSchema = json(outputSchema);
    }

    private static JsonObject json(String text) {
        try (var reader = Jsons.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The tool's (and handler's) name: {@code search}, {@code method_call}... */
    String toolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Builtin> handler(String name) {
        return Arrays.stream(values()).filter(b -> b.toolName().equals(name)).findFirst();
    }

    String title() {
        return title;
    }

    String category() {
        return category;
    }

    int sequence() {
        return sequence;
    }

    /** The operation a user needs on at least one model to be offered the tool, or null. */
    Operation needs() {
        return needs;
    }

    boolean readOnly() {
        return readOnly;
    }

    boolean destructive() {
        return destructive;
    }

    boolean idempotent() {
        return idempotent;
    }

    String description() {
        return description;
    }

    JsonObject inputSchema() {
        return inputSchema;
    }

    JsonObject outputSchema() {
        return outputSchema;
    }

    /** Whether only members of {@link #ADMINISTRATORS} are offered the tool. */
    boolean administration() {
        return administration;
    }

    /**
     * The OAuth scope calling it needs. Decided by the built-in's own kind in code, not by the
     * row's annotations (an administrator may reword those, and clients must not trust them):
     * the administration tools need {@code mcp:admin}, the read-only ones (search, read, count,
     * aggregate, default_get, list_modules, list_companies) {@code mcp:read}, every other one
     * (create, write, unlink, method_call) {@code mcp:write}.
     */
    String scope() {
        return administration ? Scopes.ADMIN : readOnly ? Scopes.READ : Scopes.WRITE;
    }
}
