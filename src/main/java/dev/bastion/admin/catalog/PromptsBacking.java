package dev.bastion.admin.catalog;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
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
 * {@code /admin/catalog/prompts.xhtml}: the global prompts (those without an owner, which every
 * MCP user lists), archived ones included; enabled, disabled or deleted from their row. Personal
 * prompts belong to their owners and are not shown.
 */
@Named
@ViewScoped
public class PromptsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "mcp.prompt";
    private static final List<String> FIELDS = List.of("name", "title", "role", "sequence", "active", "argument_ids");

    /** The domain of global prompts: no owner. */
    static JsonArray global() {
        return Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("owner_id").add("=").add(false)).build();
    }

    /** One global prompt as listed. */
    public record Row(long id, String name, String title, String role, int sequence, boolean active, int arguments)
            implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private List<Row> rows = List.of();

    @PostConstruct
    void load() {
        try {
            rows = records.search(ToolsBacking.withArchived(console.context()), MODEL, global(), FIELDS, 0, null,
                    "sequence, name").records().stream().map(JsonValue::asJsonObject).map(r -> new Row(
                    CatalogValues.id(r), r.getString("name"), CatalogValues.text(r, "title"),
                    CatalogValues.text(r, "role"), CatalogValues.integer(r, "sequence"), CatalogValues.flag(r, "active"),
                    CatalogValues.ids(r, "argument_ids").size())).toList();
        } catch (OrmException e) {
            rows = List.of();
            Console.refused(e);
        }
    }

    /** Enables or disables a prompt: clients stop listing and getting it at once. */
    public void toggle(Row row) {
        boolean active = !row.active();
        JsonObject values = Jsons.createObjectBuilder().add("active", active).build();
        String action = active ? "enable_prompt" : "disable_prompt";
        try {
            records.write(console.context(), MODEL, List.of(row.id()), values);
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), null);
            Console.info("Prompt \"" + row.name() + "\" " + (active ? "enabled." : "disabled: no client lists it any more."));
        } catch (OrmException e) {
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), e);
            Console.refused(e);
        }
        load();
    }

    /**
     * Deletes a prompt with its arguments (the page asked first). The engine refuses to delete a
     * record others still refer to, so the arguments go first, with the same rights.
     */
    public void delete(Row row) {
        JsonObject params = Jsons.createObjectBuilder().add("name", row.name()).build();
        try {
            CallContext admin = console.context();
            List<Long> arguments = CatalogValues.ids(records.read(admin, MODEL, List.of(row.id()), List.of("argument_ids"))
                    .getJsonArray("records").getJsonObject(0), "argument_ids");
            if (!arguments.isEmpty()) {
                records.unlink(admin, "mcp.prompt.argument", arguments);
            }
            records.unlink(admin, MODEL, List.of(row.id()));
            console.audited("delete_prompt", MODEL, params, Console.touched(MODEL, "unlink", row.id()), null);
            Console.info("Prompt \"" + row.name() + "\" deleted.");
        } catch (OrmException e) {
            console.audited("delete_prompt", MODEL, params, Console.touched(MODEL, "unlink", row.id()), e);
            Console.refused(e);
        }
        load();
    }

    public List<Row> getRows() {
        return rows;
    }
}
