package dev.bastion.admin.catalog;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import dev.bastion.tools.JsonSchemas;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/catalog/tool.xhtml?id=N}: one tool's form. Its schemas are checked against the
 * JSON Schema 2020-12 meta-schema here first, so each message sits by its field; the tool record
 * checks them again whoever writes it.
 */
@Named
@ViewScoped
public class ToolBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = ToolsBacking.MODEL;
    private static final List<String> FIELDS = List.of("name", "title", "description", "input_schema", "output_schema",
            "read_only_hint", "destructive_hint", "idempotent_hint", "open_world_hint", "category", "sequence",
            "active", "handler", "group_ids");

    /** A group the tool may be restricted to. */
    public record Choice(long id, String label) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private Long id;
    private String name;
    private String title;
    private String description;
    private String inputSchema;
    private String outputSchema;
    private boolean readOnly;
    private boolean destructive;
    private boolean idempotent;
    private boolean openWorld;
    private String category;
    private int sequence;
    private boolean active;
    private String handler;
    private List<Long> groupIds = new ArrayList<>();
    private List<Choice> groups = List.of();

    @PostConstruct
    void open() {
        id = CatalogValues.requestedId();
        load();
    }

    /** Reads the tool {@link #id} (again, after a save: postbacks carry no {@code id} parameter). */
    private void load() {
        if (id == null) {
            return;
        }
        CallContext admin = ToolsBacking.withArchived(console.context());
        try {
            JsonArray found = records.read(admin, MODEL, List.of(id), FIELDS).getJsonArray("records");
            if (found.isEmpty()) {
                id = null;
                return;
            }
            JsonObject r = found.getJsonObject(0);
            name = r.getString("name");
            title = CatalogValues.text(r, "title");
            description = CatalogValues.text(r, "description");
            inputSchema = CatalogValues.indented(CatalogValues.text(r, "input_schema"));
            outputSchema = CatalogValues.indented(CatalogValues.text(r, "output_schema"));
            readOnly = CatalogValues.flag(r, "read_only_hint");
            destructive = CatalogValues.flag(r, "destructive_hint");
            idempotent = CatalogValues.flag(r, "idempotent_hint");
            openWorld = CatalogValues.flag(r, "open_world_hint");
            category = CatalogValues.text(r, "category");
            sequence = CatalogValues.integer(r, "sequence");
            active = CatalogValues.flag(r, "active");
            handler = CatalogValues.text(r, "handler");
            groupIds = new ArrayList<>(CatalogValues.ids(r, "group_ids"));
            groups = GroupChoices.names(records, admin).entrySet().stream()
                    .map(e -> new Choice(e.getKey(), e.getValue())).toList();
        } catch (OrmException e) {
            id = null;
            Console.refused(e);
        }
    }

    /** Saves the form through the engine, unless a schema is not a JSON Schema 2020-12 (then nothing is saved). */
    public void save() {
        boolean valid = checked("tool:input-schema", "Input schema", inputSchema, true);
        valid &= checked("tool:output-schema", "Output schema", outputSchema, false);
        if (!valid) {
            return;
        }
        JsonObject values = Jsons.createObjectBuilder()
                .add("name", name == null ? "" : name.strip())
                .add("title", CatalogValues.orFalse(title))
                .add("description", description == null ? "" : description)
                .add("input_schema", compact(inputSchema))
                .add("output_schema", outputSchema == null || outputSchema.isBlank() ? JsonValue.FALSE
                        : Jsons.createValue(compact(outputSchema)))
                .add("read_only_hint", readOnly).add("destructive_hint", destructive)
                .add("idempotent_hint", idempotent).add("open_world_hint", openWorld)
                .add("category", CatalogValues.orFalse(category)).add("sequence", sequence).add("active", active)
                .add("group_ids", Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add(6).add(0)
                        .add(Jsons.createArrayBuilder(groupIds))))
                .build();
        // The audit keeps what changed, not the schemas' whole text twice over.
        JsonObject params = Jsons.createObjectBuilder().add("name", values.get("name")).add("title", values.get("title"))
                .add("active", active).build();
        try {
            records.write(console.context(), MODEL, List.of(id), values);
            console.audited("edit_tool", MODEL, params, Console.touched(MODEL, "write", id), null);
            Console.info("Tool \"" + name.strip() + "\" saved: open clients were told the tool list changed.");
            load();
        } catch (OrmException e) {
            console.audited("edit_tool", MODEL, params, Console.touched(MODEL, "write", id), e);
            Console.refused(e);
        }
    }

    /** Puts a message by the field when {@code text} is not a JSON Schema 2020-12 (or is missing though required). */
    private static boolean checked(String clientId, String label, String text, boolean required) {
        if (!required && (text == null || text.isBlank())) {
            return true;
        }
        Optional<String> problem = JsonSchemas.problems(text);
        if (problem.isEmpty() && required && !"object".equals(objectType(text))) {
            problem = Optional.of("the arguments' schema must describe an object: {\"type\": \"object\", ...}");
        }
        problem.ifPresent(p -> FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, label + ": " + p, null)));
        return problem.isEmpty();
    }

    private static String objectType(String schema) {
        try (var reader = Jsons.createReader(new java.io.StringReader(schema))) {
            return reader.readObject().getString("type", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A schema as stored: one line, as clients receive it. */
    private static String compact(String json) {
        try (var reader = Jsons.createReader(new java.io.StringReader(json))) {
            return reader.readValue().toString();
        }
    }

    public boolean isFound() {
        return id != null;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getInputSchema() {
        return inputSchema;
    }

    public void setInputSchema(String inputSchema) {
        this.inputSchema = inputSchema;
    }

    public String getOutputSchema() {
        return outputSchema;
    }

    public void setOutputSchema(String outputSchema) {
        this.outputSchema = outputSchema;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public boolean isDestructive() {
        return destructive;
    }

    public void setDestructive(boolean destructive) {
        this.destructive = destructive;
    }

    public boolean isIdempotent() {
        return idempotent;
    }

    public void setIdempotent(boolean idempotent) {
        this.idempotent = idempotent;
    }

    public boolean isOpenWorld() {
        return openWorld;
    }

    public void setOpenWorld(boolean openWorld) {
        this.openWorld = openWorld;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public int getSequence() {
        return sequence;
    }

    public void setSequence(int sequence) {
        this.sequence = sequence;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getHandler() {
        return handler;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds == null ? new ArrayList<>() : new ArrayList<>(groupIds);
    }

    public List<Choice> getGroups() {
        return groups;
    }
}
