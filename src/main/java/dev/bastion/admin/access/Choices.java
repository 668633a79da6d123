package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordValues;
import dev.bastion.orm.ModelRegistry;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;

/**
 * What the Access forms offer to pick from: groups, companies (both read through the engine with
 * the administrator's rights) and the models of the registry. Once per request.
 */
@Named
@RequestScoped
public class Choices {

    /** One thing to pick: its id and what the administrator reads. */
    public record Option(long id, String label) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    ModelRegistry registry;

    private List<Option> groups;
    private List<Option> companies;

    public List<Option> getGroups() {
        if (groups == null) {
            groups = options("res.groups", "full_name");
        }
        return groups;
    }

    public List<Option> getCompanies() {
        if (companies == null) {
            companies = options("res.company", "name");
        }
        return companies;
    }

    /** Every model's technical name, sorted. */
    public List<String> getModels() {
        return registry.all().keySet().stream().sorted().toList();
    }

    /** The label of group {@code id}, for tables that list a record's groups. */
    public String groupLabel(long id) {
        return getGroups().stream().filter(o -> o.id() == id).map(Option::label).findFirst().orElse("#" + id);
    }

    private List<Option> options(String model, String label) {
        try {
            return RecordValues.objects(records.search(console.context(), model, JsonValue.EMPTY_JSON_ARRAY,
                            List.of(label), 0, null, label).records()).stream()
                    .map(r -> new Option(RecordValues.id(r), RecordValues.text(r, label))).toList();
        } catch (OrmException e) {
            Console.refused(e);
            return List.of();
        }
    }
}
