package dev.bastion.admin.account;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordValues;
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
 * {@code /admin/account/prompts.xhtml}: the signed-in user's personal prompts ({@code mcp.prompt}
 * with themselves as owner), which only their own MCP clients list. The record rules keep other
 * users' prompts out of reach; the page asks for the caller's own explicitly, since an MCP
 * administrator also sees the global ones (those are the catalog's).
 */
@Named
@ViewScoped
public class MyPromptsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = "mcp.prompt";
    private static final List<String> FIELDS = List.of("name", "title", "description", "role", "template", "active");

    /** One prompt as listed. */
    public record Row(long id, String name, String title, String description, String role, String template,
                      boolean active) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private List<Row> rows = List.of();
    private Long editing;
    private String name;
    private String title;
    private String description;
    private String role = "user";
    private String template;
    private boolean active = true;

    @PostConstruct
    void load() {
        try {
            rows = RecordValues.objects(records.search(console.context(), MODEL, Jsons.createArrayBuilder()
                    .add(Jsons.createArrayBuilder().add("owner_id").add("=").add(console.context().uid()))
                    .add(Jsons.createArrayBuilder().add("active").add("in").add(Jsons.createArrayBuilder().add(true).add(false)))
                    .build(), FIELDS, 0, null, null).records()).stream().map(r -> new Row(RecordValues.id(r),
                    RecordValues.text(r, "name"), RecordValues.text(r, "title"), RecordValues.text(r, "description"),
                    RecordValues.text(r, "role"), RecordValues.text(r, "template"), RecordValues.bool(r, "active"))).toList();
        } catch (OrmException e) {
            rows = List.of();
            Console.refused(e);
        }
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                .add("title", title == null || title.isBlank() ? JsonValue.FALSE : Jsons.createValue(title.strip()))
                .add("description", description == null || description.isBlank() ? JsonValue.FALSE : Jsons.createValue(description))
                .add("role", role).add("template", template == null ? "" : template).add("active", active)
                .add("owner_id", console.context().uid()).build();
        if (console.save(MODEL, "prompt", editing, values).isPresent()) {
            Console.info("Prompt \"" + values.getString("name") + "\" saved: your MCP clients list it from now on.");
            clear();
            load();
        }
    }

    public void edit(Row prompt) {
        editing = prompt.id();
        name = prompt.name();
        title = prompt.title();
        description = prompt.description();
        role = prompt.role();
        template = prompt.template();
        active = prompt.active();
    }

    public void delete(Row prompt) {
        if (console.delete(MODEL, "prompt", prompt.id())) {
            Console.info("Prompt \"" + prompt.name() + "\" deleted.");
            if (Long.valueOf(prompt.id()).equals(editing)) {
                clear();
            }
            load();
        }
    }

    public void clear() {
        editing = null;
        name = null;
        title = null;
        description = null;
        role = "user";
        template = null;
        active = true;
    }

    public List<Row> getRows() {
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

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
