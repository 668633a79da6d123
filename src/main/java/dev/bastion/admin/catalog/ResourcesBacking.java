package dev.bastion.admin.catalog;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/catalog/resources.xhtml}: the resource records (fixed URIs and templates) in list
 * order, archived ones included; one is edited in the form above the list, and enabled or
 * disabled from its row. What a resource holds is its built-in handler's, not editable here.
 */
@Named
@ViewScoped
public class ResourcesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "mcp.resource";
    private static final List<String> FIELDS = List.of("uri", "name", "title", "description", "mime_type", "sequence",
            "active", "handler");

    /** One resource as listed and edited. */
    public record Row(long id, String uri, String name, String title, String description, String mimeType,
                      int sequence, boolean active, String handler) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private List<Row> rows = List.of();
    private Row editing;
    private String name;
    private String title;
    private String description;
    private String mimeType;
    private int sequence;

    @PostConstruct
    void load() {
        try {
            rows = records.search(ToolsBacking.withArchived(console.context()), MODEL, JsonValue.EMPTY_JSON_ARRAY, FIELDS,
                    0, null, "sequence, name").records().stream().map(JsonValue::asJsonObject).map(r -> new Row(
                    CatalogValues.id(r), r.getString("uri"), r.getString("name"), CatalogValues.text(r, "title"),
                    CatalogValues.text(r, "description"), CatalogValues.text(r, "mime_type"),
                    CatalogValues.integer(r, "sequence"), CatalogValues.flag(r, "active"),
                    CatalogValues.text(r, "handler"))).toList();
        } catch (OrmException e) {
            rows = List.of();
            Console.refused(e);
        }
    }

    public void edit(Row row) {
        editing = row;
        name = row.name();
        title = row.title();
        description = row.description();
        mimeType = row.mimeType();
        sequence = row.sequence();
    }

    public void cancel() {
        editing = null;
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                .add("title", CatalogValues.orFalse(title)).add("description", CatalogValues.orFalse(description))
                .add("mime_type", CatalogValues.orFalse(mimeType)).add("sequence", sequence).build();
        if (write("edit_resource", editing, values)) {
            Console.info("Resource " + editing.uri() + " saved: open clients were told the resource list changed.");
            editing = null;
        }
        load();
    }

    /** Enables or disables a resource: clients stop listing and reading it at once. */
    public void toggle(Row row) {
        boolean active = !row.active();
        if (write(active ? "enable_resource" : "disable_resource", row,
                Jsons.createObjectBuilder().add("active", active).build())) {
            Console.info("Resource " + row.uri() + (active ? " enabled." : " disabled: no client lists or reads it any more."));
        }
        load();
    }

    private boolean write(String action, Row row, JsonObject values) {
        try {
            records.write(console.context(), MODEL, List.of(row.id()), values);
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), null);
            return true;
        } catch (OrmException e) {
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), e);
            Console.refused(e);
            return false;
        }
    }

    public List<Row> getRows() {
        return rows;
    }

    public Row getEditing() {
        return editing;
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

    public String getMimeType() {
        return mimeType;
    }

    public void setMimeType(String mimeType) {
        this.mimeType = mimeType;
    }

    public int getSequence() {
        return sequence;
    }

    public void setSequence(int sequence) {
        this.sequence = sequence;
    }
}
