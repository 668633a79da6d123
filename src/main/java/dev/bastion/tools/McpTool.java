package dev.bastion.tools;

import dev.bastion.erp.base.Group;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.Model;
import dev.bastion.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tool as MCP clients list it, editable live: admins reword, reorder, disable or restrict
 * it to groups, and every open client is told. What it does is its {@link #handler}, one of
 * the {@link Builtin} tools; the built-ins are seeded at startup when their row is missing.
 */
@Entity(name = "McpTool")
@Table(name = "mcp_tool")
@Model(name = "mcp.tool", label = "MCP Tool", module = "mcp", order = "sequence, name",
        description = "Tools MCP clients see: wording, JSON Schemas, behaviour hints, order, groups; edits reach open clients at once")
public class McpTool {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_./-]{1,64}$");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mcp_tool_seq")
    @SequenceGenerator(name = "mcp_tool_seq", sequenceName = "mcp_tool_seq", allocationSize = 50)
    Long id;

    @Field(help = "Unique name clients call it by: letters, digits, _ . / -, at most 64", required = true)
    String name;

    @Field(help = "Human title shown by clients")
    String title;

    @Field(type = FieldType.TEXT, required = true, help = "What the tool does, written for the AI model")
    String description;

    @Column(name = "input_schema")
    @Field(label = "Input Schema", type = FieldType.TEXT, required = true,
            help = "JSON Schema (2020-12) of the arguments, an object schema")
    String inputSchema;

    @Column(name = "output_schema")
    @Field(label = "Output Schema", type = FieldType.TEXT, help = "JSON Schema of the structured result, or empty")
    String outputSchema;

    @Column(name = "read_only_hint")
    @Field(label = "Read-only", help = "The tool changes nothing")
    boolean readOnlyHint;

    @Column(name = "destructive_hint")
    @Field(label = "Destructive", help = "The tool may destroy data")
    boolean destructiveHint;

    @Column(name = "idempotent_hint")
    @Field(label = "Idempotent", help = "Calling it twice with the same arguments has no further effect")
    boolean idempotentHint;

    @Column(name = "open_world_hint")
    @Field(label = "Open World", help = "The tool reaches outside this server")
    boolean openWorldHint;

    @Field(help = "Group shown to people: data, methods, discovery")
    String category = "data";

    @Field(help = "Tools are listed by ascending sequence")
    int sequence = 10;

    @Field(help = "Off: no client lists or calls the tool")
    boolean active = true;

    @Field(type = FieldType.SELECTION, required = true, help = "The built-in implementation the tool runs",
            selection = {"search", "read", "create", "write", "unlink", "count", "default_get", "method_call",
                    "list_modules", "list_companies", "aggregate", "list_sessions", "end_session", "get_settings",
                    "set_setting"})
    String handler;

    @ManyToMany
    @JoinTable(name = "mcp_tool_group_rel", joinColumns = @JoinColumn(name = "tool_id"),
            inverseJoinColumns = @JoinColumn(name = "gid"))
    @Field(name = "group_ids", label = "Groups", help = "Only members of these groups see the tool; empty: every MCP user")
    Set<Group> groups = new LinkedHashSet<>();

    @Version
    long version;

    protected McpTool() {
    }

    /** A row for {@code builtin} with its shipped wording, seen by members of {@code groups} (none: everyone). */
    static McpTool of(Builtin builtin, Set<Group> groups) {
        McpTool t = new McpTool();
        t.name = builtin.toolName();
        t.title = builtin.title();
        t.description = builtin.description();
        t.inputSchema = builtin.inputSchema().toString();
        t.outputSchema = builtin.outputSchema().toString();
        t.readOnlyHint = builtin.readOnly();
        t.destructiveHint = builtin.destructive();
        t.idempotentHint = builtin.readOnly() || builtin.idempotent();
        t.category = builtin.category();
        t.sequence = builtin.sequence();
        t.handler = builtin.toolName();
        t.groups.addAll(groups);
        return t;
    }

    /**
     * Refuses a name clients could not call and schemas that are not JSON Schemas 2020-12 (the
     * revision MCP names for tool schemas): a client would fail on them, or validate nothing.
     */
    @PrePersist
    @PreUpdate
    void check() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequest("Tool name '" + name + "' is not valid: use letters, digits, _ . / -, at most 64");
        }
        JsonSchemas.problems(inputSchema).ifPresent(p -> {
            throw new InvalidRequest("input_schema of tool " + name + ": " + p);
        });
        if (!"object".equals(parse("input_schema", inputSchema).getString("type", ""))) {
            throw new InvalidRequest("input_schema of tool " + name + " must be an object schema ({\"type\":\"object\",...})");
        }
        if (outputSchema != null && !outputSchema.isBlank()) {
            JsonSchemas.problems(outputSchema).ifPresent(p -> {
                throw new InvalidRequest("output_schema of tool " + name + ": " + p);
            });
        }
    }

    static JsonObject parse(String field, String text) {
        try (var reader = Jsons.createReader(new StringReader(text == null ? "" : text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequest(field + " must be a JSON object: " + e.getMessage());
        }
    }

    public String getName() {
        return name;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getInputSchema() {
        return inputSchema;
    }

    public String getOutputSchema() {
        return outputSchema;
    }

    public String getHandler() {
        return handler;
    }

    public Set<Group> getGroups() {
        return groups;
    }

    /** The behaviour hints as MCP {@code annotations}. */
    JsonObject annotations() {
        return Jsons.createObjectBuilder().add("readOnlyHint", readOnlyHint).add("destructiveHint", destructiveHint)
                .add("idempotentHint", idempotentHint).add("openWorldHint", openWorldHint).build();
    }
}
