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
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** {@code /admin/access/groups.xhtml}: the groups, what each implies; create or edit one. */
@Named
@ViewScoped
public class GroupsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = "res.groups";
    private static final List<String> FIELDS = List.of("xml_id", "category", "name", "full_name", "implied_ids", "comment");

    /** One group as listed. */
    public record Row(long id, String xmlId, String category, String name, String fullName, List<Long> implied,
                      String comment) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;
    private Long editing;
    private String xmlId;
    private String category;
    private String name;
    private String comment;
    private List<Long> implied = new ArrayList<>();

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, null, () -> JsonValue.EMPTY_JSON_ARRAY, GroupsBacking::row, Row::id);
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "xml_id"), RecordValues.text(r, "category"),
                RecordValues.text(r, "name"), RecordValues.text(r, "full_name"), RecordValues.ids(r, "implied_ids"),
                RecordValues.text(r, "comment"));
    }

    public void save() {
        JsonObject values = Jsons.createObjectBuilder().add("xml_id", RecordValues.typed(xmlId))
                .add("category", RecordValues.typed(category)).add("name", RecordValues.typed(name))
                .add("comment", comment == null || comment.isBlank() ? JsonValue.FALSE : Jsons.createValue(comment))
                .add("implied_ids", RecordValues.exactly(implied)).build();
        if (console.save(MODEL, "group", editing, values).isPresent()) {
            Console.info("Group \"" + values.getString("category") + " / " + values.getString("name") + "\" saved.");
            clear();
        }
    }

    public void edit(Row group) {
        editing = group.id();
        xmlId = group.xmlId();
        category = group.category();
        name = group.name();
        comment = group.comment();
        implied = new ArrayList<>(group.implied());
    }

    public void clear() {
        editing = null;
        xmlId = null;
        category = null;
        name = null;
        comment = null;
        implied = new ArrayList<>();
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getXmlId() {
        return xmlId;
    }

    public void setXmlId(String xmlId) {
        this.xmlId = xmlId;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public List<Long> getImplied() {
        return implied;
    }

    public void setImplied(List<Long> implied) {
        this.implied = implied;
    }
}
