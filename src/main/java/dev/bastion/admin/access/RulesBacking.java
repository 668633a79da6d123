package dev.bastion.admin.access;

import dev.bastion.access.AccessRowChecks;
import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.json.Jsons;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /admin/access/rules.xhtml}: record rules ({@code ir.rule}). The domain is edited as JSON
 * text and checked against the chosen model before it is saved (the engine's domain parser, then
 * every path through the model's fields); the problem, naming the field or operator, is shown
 * next to the domain.
 */
@Named
@ViewScoped
public class RulesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = "ir.rule";
    /** Where messages about the domain go: next to its text area. */
    static final String DOMAIN_FIELD = "rule:domain";
    private static final List<String> FIELDS = List.of("name", "model", "domain_force", "group_ids", "perm_read",
            "perm_write", "perm_create", "perm_unlink", "active");

    /** One rule as listed. */
    public record Row(long id, String name, String model, String domain, List<Long> groupIds, boolean read,
                      boolean write, boolean create, boolean unlink, boolean active) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    AccessRowChecks checks;

    private RecordPages<Row> rows;
    private Long editing;
    private String name;
    private String model;
    private String domain = "[]";
    private List<Long> groupIds = new ArrayList<>();
    private boolean read = true;
    private boolean write = true;
    private boolean create = true;
    private boolean unlink = true;
    private boolean active = true;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, null, RulesBacking::domain, RulesBacking::row, Row::id);
    }

    /** Inactive rules too: an administrator turns them on again here. */
    private static JsonArray domain() {
        return Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("active").add("in")
                .add(Jsons.createArrayBuilder().add(true).add(false))).build();
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "name"), RecordValues.text(r, "model"),
                RecordValues.text(r, "domain_force"), RecordValues.ids(r, "group_ids"), RecordValues.bool(r, "perm_read"),
                RecordValues.bool(r, "perm_write"), RecordValues.bool(r, "perm_create"),
                RecordValues.bool(r, "perm_unlink"), RecordValues.bool(r, "active"));
    }

    /** Checks the domain against the model without saving. */
    public void check() {
        if (checked()) {
            String valid = "The domain is valid for " + model.strip() + ".";
            FacesContext.getCurrentInstance().addMessage(DOMAIN_FIELD, new FacesMessage(FacesMessage.SEVERITY_INFO, valid, valid));
        }
    }

    private boolean checked() {
        try {
            checks.ruleDomain(model, domain);
            return true;
        } catch (OrmException e) {
            // A field's message shows its detail (PrimeFaces' p:message).
            FacesContext.getCurrentInstance().addMessage(DOMAIN_FIELD,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
            return false;
        }
    }

    public void save() {
        if (!checked()) {
            return;
        }
        JsonObject values = Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                .add("model", model.strip()).add("domain_force", domain.strip())
                .add("group_ids", RecordValues.exactly(groupIds))
                .add("perm_read", read).add("perm_write", write).add("perm_create", create).add("perm_unlink", unlink)
                .add("active", active).build();
        if (console.save(MODEL, "record_rule", editing, values).isPresent()) {
            Console.info("Record rule \"" + values.getString("name") + "\" saved: it counts from the next request on.");
            clear();
        }
    }

    public void edit(Row rule) {
        editing = rule.id();
        name = rule.name();
        model = rule.model();
        domain = rule.domain();
        groupIds = new ArrayList<>(rule.groupIds());
        read = rule.read();
        write = rule.write();
        create = rule.create();
        unlink = rule.unlink();
        active = rule.active();
    }

    public void delete(Row rule) {
        if (console.delete(MODEL, "record_rule", rule.id())) {
            Console.info("Record rule \"" + rule.name() + "\" deleted.");
            if (Long.valueOf(rule.id()).equals(editing)) {
                clear();
            }
        }
    }

    public void clear() {
        editing = null;
        name = null;
        model = null;
        domain = "[]";
        groupIds = new ArrayList<>();
        read = true;
        write = true;
        create = true;
        unlink = true;
        active = true;
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
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

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds;
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
