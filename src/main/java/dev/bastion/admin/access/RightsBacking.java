package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.json.Jsons;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/access/rights.xhtml}: model access rights ({@code ir.model.access}), what members
 * of a group (or every user) may do with a model; create, edit, delete.
 */
@Named
@ViewScoped
public class RightsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = "ir.model.access";
    private static final List<String> FIELDS = List.of("name", "model", "group_id", "perm_read", "perm_write",
            "perm_create", "perm_unlink", "active");

    /** One right as listed. */
    public record Row(long id, String name, String model, Long groupId, String group, boolean read, boolean write,
                      boolean create, boolean unlink, boolean active) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;
    private String filter;
    private Long editing;
    private String name;
    private String model;
    private Long groupId;
    private boolean read = true;
    private boolean write;
    private boolean create;
    private boolean unlink;
    private boolean active = true;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, null, this::domain, RightsBacking::row, Row::id);
    }

    /** Inactive rights too, narrowed by the model filter. */
    private JsonArray domain() {
        var domain = Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("active").add("in")
                .add(Jsons.createArrayBuilder().add(true).add(false)));
        if (filter != null && !filter.isBlank()) {
            domain.add(Jsons.createArrayBuilder().add("model").add("ilike").add(filter.strip()));
        }
        return domain.build();
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "name"), RecordValues.text(r, "model"),
                RecordValues.refId(r, "group_id"), RecordValues.refName(r, "group_id"), RecordValues.bool(r, "perm_read"),
                RecordValues.bool(r, "perm_write"), RecordValues.bool(r, "perm_create"),
                RecordValues.bool(r, "perm_unlink"), RecordValues.bool(r, "active"));
    }

    public void search() {
        RecordPages.firstPage("list:rights");
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                .add("model", model == null ? "" : model)
                .add("group_id", groupId == null ? JsonValue.FALSE : Jsons.createValue(groupId))
                .add("perm_read", read).add("perm_write", write).add("perm_create", create).add("perm_unlink", unlink)
                .add("active", active).build();
        if (console.save(MODEL, "access_right", editing, values).isPresent()) {
            Console.info("Access right \"" + values.getString("name") + "\" saved: it counts from the next request on.");
            clear();
        }
    }

    public void edit(Row right) {
        editing = right.id();
        name = right.name();
        model = right.model();
        groupId = right.groupId();
        read = right.read();
        write = right.write();
        create = right.create();
        unlink = right.unlink();
        active = right.active();
    }

    public void delete(Row right) {
        if (console.delete(MODEL, "access_right", right.id())) {
            Console.info("Access right \"" + right.name() + "\" deleted.");
            if (Long.valueOf(right.id()).equals(editing)) {
                clear();
            }
        }
    }

    public void clear() {
        editing = null;
        name = null;
        model = null;
        groupId = null;
        read = true;
        write = false;
        create = false;
        unlink = false;
        active = true;
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
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

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
