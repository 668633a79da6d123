package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.json.Jsons;
import dev.bastion.orm.MethodCalls;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /admin/access/overrides.xhtml}: MCP overrides per model ({@code mcp.model.override}),
 * which only narrow the rights: the model on or off, which operations, which fields (picked from
 * the model's fields; none picked: every field), which business methods are blocked (picked from
 * the model's methods), which groups may use it.
 */
@Named
@ViewScoped
public class OverridesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = "mcp.model.override";
    private static final List<String> FIELDS = List.of("model", "enabled", "allow_read", "allow_write", "allow_create",
            "allow_unlink", "allow_methods", "allowed_fields", "blocked_methods", "group_ids");

    /** One override as listed. */
    public record Row(long id, String model, boolean enabled, boolean read, boolean write, boolean create,
                      boolean unlink, boolean methods, List<String> allowedFields, List<String> blockedMethods,
                      List<Long> groupIds) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    @Inject
    MethodCalls methodCalls;

    private RecordPages<Row> rows;
    private Long editing;
    private String model;
    private boolean enabled = true;
    private boolean read = true;
    private boolean write = true;
    private boolean create = true;
    private boolean unlink = true;
    private boolean methods = true;
    private List<String> allowedFields = new ArrayList<>();
    private List<String> blockedMethods = new ArrayList<>();
    private List<Long> groupIds = new ArrayList<>();

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, null, () -> JsonValue.EMPTY_JSON_ARRAY, OverridesBacking::row, Row::id);
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "model"), RecordValues.bool(r, "enabled"),
                RecordValues.bool(r, "allow_read"), RecordValues.bool(r, "allow_write"),
                RecordValues.bool(r, "allow_create"), RecordValues.bool(r, "allow_unlink"),
                RecordValues.bool(r, "allow_methods"), names(RecordValues.text(r, "allowed_fields")),
                names(RecordValues.text(r, "blocked_methods")), RecordValues.ids(r, "group_ids"));
    }

    private static List<String> names(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The chosen model's fields, to pick the allowed ones from. */
    public List<String> getModelFields() {
        return model == null || !registry.all().containsKey(model) ? List.of()
                : registry.require(model).fields().keySet().stream().sorted().toList();
    }

    /** The chosen model's business methods, to pick the blocked ones from. */
    public List<String> getModelMethods() {
        return model == null || !registry.all().containsKey(model) ? List.of()
                : methodCalls.of(model).stream().map(MethodCalls.Callable::name).toList();
    }

    /** Another model was chosen: what was picked from the previous one's fields and methods no longer applies. */
    public void modelChanged() {
        allowedFields = new ArrayList<>();
        blockedMethods = new ArrayList<>();
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("model", model == null ? "" : model)
                .add("enabled", enabled).add("allow_read", read).add("allow_write", write).add("allow_create", create)
                .add("allow_unlink", unlink).add("allow_methods", methods)
                .add("allowed_fields", allowedFields.isEmpty() ? JsonValue.FALSE : Jsons.createValue(String.join(",", allowedFields)))
                .add("blocked_methods", blockedMethods.isEmpty() ? JsonValue.FALSE : Jsons.createValue(String.join(",", blockedMethods)))
                .add("group_ids", RecordValues.exactly(groupIds)).build();
        if (console.save(MODEL, "mcp_override", editing, values).isPresent()) {
            Console.info("MCP override of " + values.getString("model") + " saved: it counts from the next request on.");
            clear();
        }
    }

    public void edit(Row override) {
        editing = override.id();
        model = override.model();
        enabled = override.enabled();
        read = override.read();
        write = override.write();
        create = override.create();
        unlink = override.unlink();
        methods = override.methods();
        allowedFields = new ArrayList<>(override.allowedFields());
        blockedMethods = new ArrayList<>(override.blockedMethods());
        groupIds = new ArrayList<>(override.groupIds());
    }

    public void delete(Row override) {
        if (console.delete(MODEL, "mcp_override", override.id())) {
            Console.info("MCP override of " + override.model() + " deleted: the rights alone decide again.");
            if (Long.valueOf(override.id()).equals(editing)) {
                clear();
            }
        }
    }

    public void clear() {
        editing = null;
        model = null;
        enabled = true;
        read = true;
        write = true;
        create = true;
        unlink = true;
        methods = true;
        allowedFields = new ArrayList<>();
        blockedMethods = new ArrayList<>();
        groupIds = new ArrayList<>();
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRead() {
        return read;
    }

    public void setRead(boolean read) {
        this.read = read;
    }

    public boolean isWrite() {
        return write;
    }

    public void setWrite(boolean write) {
        this.write = write;
    }

    public boolean isCreate() {
        return create;
    }

    public void setCreate(boolean create) {
        this.create = create;
    }

    public boolean isUnlink() {
        return unlink;
    }

    public void setUnlink(boolean unlink) {
        this.unlink = unlink;
    }

    public boolean isMethods() {
        return methods;
    }

    public void setMethods(boolean methods) {
        this.methods = methods;
    }

    public List<String> getAllowedFields() {
        return allowedFields;
    }

    public void setAllowedFields(List<String> allowedFields) {
        this.allowedFields = allowedFields;
    }

    public List<String> getBlockedMethods() {
        return blockedMethods;
    }

    public void setBlockedMethods(List<String> blockedMethods) {
        this.blockedMethods = blockedMethods;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds;
    }
}
