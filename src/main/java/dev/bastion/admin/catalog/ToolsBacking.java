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
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.event.ReorderEvent;

/**
 * {@code /admin/catalog/tools.xhtml}: every tool record in the order clients list them, archived
 * ones included; dragging a row renumbers the sequences, a switch enables or disables a tool.
 */
@Named
@ViewScoped
public class ToolsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "mcp.tool";
    /** Sequences are renumbered in steps, so that a tool can later be slotted between two. */
    private static final int STEP = 10;
    private static final List<String> FIELDS = List.of("name", "title", "category", "sequence", "active", "handler",
            "group_ids");

    /** One tool as listed. */
    public record Row(long id, String name, String title, String category, int sequence, boolean active,
                      String handler, String groups) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    /** The tools in their stored order; the table gets a copy, which a drag reorders before telling. */
    private List<Row> order = List.of();
    private List<Row> rows = new ArrayList<>();

    @PostConstruct
    void load() {
        CallContext admin = withArchived(console.context());
        try {
            Map<Long, String> groupNames = GroupChoices.names(records, admin);
            order = List.copyOf(records.search(admin, MODEL, JsonValue.EMPTY_JSON_ARRAY, FIELDS, 0, null,
                    "sequence, name").records().stream().map(JsonValue::asJsonObject).map(r -> new Row(
                    CatalogValues.id(r), r.getString("name"), CatalogValues.text(r, "title"),
                    CatalogValues.text(r, "category"), CatalogValues.integer(r, "sequence"),
                    CatalogValues.flag(r, "active"), CatalogValues.text(r, "handler"),
                    CatalogValues.ids(r, "group_ids").stream().map(g -> groupNames.getOrDefault(g, "#" + g))
                            .collect(Collectors.joining(", ")))).toList());
        } catch (OrmException e) {
            order = List.of();
            Console.refused(e);
        }
        rows = new ArrayList<>(order);
    }

    /** Archived tools are part of the catalog: the admin must see them to enable them again. */
    static CallContext withArchived(CallContext context) {
        return context.withActiveTest(false);
    }

    /** A row was dragged from one place to another (PrimeFaces' {@code rowReorder}). */
    public void reordered(ReorderEvent event) {
        move(event.getFromIndex(), event.getToIndex());
    }

    public void moveUp(Row row) {
        int at = indexOf(row);
        if (at > 0) {
            move(at, at - 1);
        }
    }

    public void moveDown(Row row) {
        int at = indexOf(row);
        if (at >= 0 && at < order.size() - 1) {
            move(at, at + 1);
        }
    }

    private int indexOf(Row row) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id() == row.id()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves the tool at {@code from} to {@code to} in the order loaded (not in whatever order the
     * table holds after its drag), then stores a sequence for every tool whose place changed.
     */
    private void move(int from, int to) {
        if (from == to || from < 0 || to < 0 || from >= order.size() || to >= order.size()) {
            load();
            return;
        }
        List<Row> moving = new ArrayList<>(order);
        Row moved = moving.remove(from);
        moving.add(to, moved);
        CallContext admin = console.context();
        JsonArrayBuilder written = Jsons.createArrayBuilder();
        JsonObject params = Jsons.createObjectBuilder().add("tool", moved.name()).add("position", to + 1).build();
        try {
            for (int i = 0; i < moving.size(); i++) {
                Row row = moving.get(i);
                int sequence = (i + 1) * STEP;
                if (row.sequence() != sequence) {
                    records.write(admin, MODEL, List.of(row.id()),
                            Jsons.createObjectBuilder().add("sequence", sequence).build());
                    written.add(row.id());
                }
            }
            console.audited("reorder_tools", MODEL, params, touched(written), null);
            Console.info("\"" + moved.name() + "\" is now tool " + (to + 1) + " of " + moving.size()
                    + "; open clients were told the list changed.");
        } catch (OrmException e) {
            console.audited("reorder_tools", MODEL, params, touched(written), e);
            Console.refused(e);
        }
        load();
    }

    private static JsonObject touched(JsonArrayBuilder ids) {
        return Jsons.createObjectBuilder().add(MODEL, Jsons.createObjectBuilder().add("write", ids)).build();
    }

    /** Enables a disabled tool, or disables an enabled one: clients stop listing and calling it at once. */
    public void toggle(Row row) {
        boolean active = !row.active();
        JsonObject values = Jsons.createObjectBuilder().add("active", active).build();
        String action = active ? "enable_tool" : "disable_tool";
        try {
            records.write(console.context(), MODEL, List.of(row.id()), values);
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), null);
            Console.info("\"" + row.name() + "\" " + (active ? "enabled: clients list it again."
                    : "disabled: no client lists or calls it any more."));
        } catch (OrmException e) {
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", row.id()), e);
            Console.refused(e);
        }
        load();
    }

    public List<Row> getRows() {
        return rows;
    }
}
