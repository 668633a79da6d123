package dev.bastion.admin.catalog;

import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import dev.bastion.prompts.RecordPrompts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /admin/catalog/prompt.xhtml[?id=N]}: one global prompt's form (a new one without
 * {@code id}): wording, role, template and arguments, saved through the engine; and a preview
 * that renders the form as it stands with sample arguments, by the prompts feature's own
 * renderer, so it shows what {@code prompts/get} will answer.
 */
@Named
@ViewScoped
public class PromptBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL = PromptsBacking.MODEL;
    private static final String ARGUMENTS = "mcp.prompt.argument";
    private static final List<String> FIELDS = List.of("name", "title", "description", "role", "template", "sequence",
            "active", "owner_id", "argument_ids");
    private static final List<String> ARGUMENT_FIELDS = List.of("name", "description", "required", "source_model",
            "source_values");

    /** One argument as edited; {@code sample} is only for the preview and is not stored. */
    public static final class Argument implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Long id;
        private String name;
        private String description;
        private boolean required;
        private String sourceModel;
        private String sourceValues;
        private String sample;

        Argument(Long id) {
            this.id = id;
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

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
        }

        public String getSourceModel() {
            return sourceModel;
        }

        public void setSourceModel(String sourceModel) {
            this.sourceModel = sourceModel;
        }

        public String getSourceValues() {
            return sourceValues;
        }

        public void setSourceValues(String sourceValues) {
            this.sourceValues = sourceValues;
        }

        public String getSample() {
            return sample;
        }

        public void setSample(String sample) {
            this.sample = sample;
        }

        JsonObject values() {
            return Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                    .add("description", CatalogValues.orFalse(description)).add("required", required)
                    .add("source_model", CatalogValues.orFalse(sourceModel))
                    .add("source_values", CatalogValues.orFalse(sourceValues)).build();
        }
    }

    @Inject
    Console console;

    @Inject
    Records records;

    @Inject
    RecordPrompts prompts;

    private Long id;
    private boolean missing;
    private String name;
    private String title;
    private String description;
    private String role = "user";
    private String template;
    private int sequence = 10;
    private boolean active = true;
    private List<Argument> arguments = new ArrayList<>();
    /** The ids of the arguments stored, so that those removed from the form are deleted. */
    private Set<Long> storedArguments = Set.of();
    private String preview;
    private String previewRole;
    private String previewProblem;

    @PostConstruct
    void open() {
        id = CatalogValues.requestedId();
        missing = id == null && FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .containsKey("id");
        load();
    }

    private void load() {
        if (id == null) {
            return;
        }
        CallContext admin = ToolsBacking.withArchived(console.context());
        try {
            JsonArray found = records.read(admin, MODEL, List.of(id), FIELDS).getJsonArray("records");
            if (found.isEmpty() || found.getJsonObject(0).get("owner_id") != JsonValue.FALSE) {
                // Personal prompts are their owners' business, not the catalog's.
                id = null;
                missing = true;
                return;
            }
            JsonObject r = found.getJsonObject(0);
            name = r.getString("name");
            title = CatalogValues.text(r, "title");
            description = CatalogValues.text(r, "description");
            role = CatalogValues.text(r, "role");
            template = CatalogValues.text(r, "template");
            sequence = CatalogValues.integer(r, "sequence");
            active = CatalogValues.flag(r, "active");
            Map<Long, String> samples = arguments.stream().filter(a -> a.getId() != null && a.getSample() != null)
                    .collect(Collectors.toMap(Argument::getId, Argument::getSample));
            List<Long> ids = CatalogValues.ids(r, "argument_ids");
            arguments = new ArrayList<>();
            for (JsonValue v : records.read(admin, ARGUMENTS, ids, ARGUMENT_FIELDS).getJsonArray("records")) {
                JsonObject a = v.asJsonObject();
                Argument argument = new Argument(CatalogValues.id(a));
                argument.setName(a.getString("name"));
                argument.setDescription(CatalogValues.text(a, "description"));
                argument.setRequired(CatalogValues.flag(a, "required"));
                argument.setSourceModel(CatalogValues.text(a, "source_model"));
                argument.setSourceValues(CatalogValues.text(a, "source_values"));
                argument.setSample(samples.get(argument.getId()));
                arguments.add(argument);
            }
            storedArguments = Set.copyOf(ids);
        } catch (OrmException e) {
            id = null;
            Console.refused(e);
        }
    }

    public void addArgument() {
        arguments.add(new Argument(null));
    }

    public void removeArgument(Argument argument) {
        arguments.remove(argument);
    }

    /** Creates or saves the prompt; the arguments go with it as one2many commands, in one write. */
    public String save() {
        JsonArrayBuilder commands = Jsons.createArrayBuilder();
        Set<Long> kept = new HashSet<>();
        for (Argument a : arguments) {
            if (a.getId() == null) {
                commands.add(Jsons.createArrayBuilder().add(0).add(0).add(a.values()));
            } else {
                kept.add(a.getId());
                commands.add(Jsons.createArrayBuilder().add(1).add(a.getId()).add(a.values()));
            }
        }
        storedArguments.stream().filter(stored -> !kept.contains(stored))
                .forEach(gone -> commands.add(Jsons.createArrayBuilder().add(2).add(gone)));
        JsonObject values = Jsons.createObjectBuilder().add("name", name == null ? "" : name.strip())
                .add("title", CatalogValues.orFalse(title)).add("description", CatalogValues.orFalse(description))
                .add("role", role).add("template", template == null ? "" : template).add("sequence", sequence)
                .add("active", active).add("argument_ids", commands).build();
        JsonObject params = Jsons.createObjectBuilder().add("name", values.get("name")).add("title", values.get("title"))
                .build();
        boolean created = id == null;
        String action = created ? "create_prompt" : "edit_prompt";
        try {
            CallContext admin = console.context();
            if (created) {
                id = records.create(admin, MODEL, List.of(Jsons.createObjectBuilder(values)
                        .add("owner_id", false).build())).get(0);
            } else {
                records.write(admin, MODEL, List.of(id), values);
                load();
            }
            console.audited(action, MODEL, params, Console.touched(MODEL, created ? "create" : "write", id), null);
            Console.info("Prompt \"" + name.strip() + "\" saved: open clients were told the prompt list changed.");
            if (!created) {
                return null;
            }
            // The new prompt opens at its own address; its confirmation travels with the redirect.
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            return "/admin/catalog/prompt?faces-redirect=true&id=" + id;
        } catch (OrmException e) {
            if (created) {
                id = null;
            }
            console.audited(action, MODEL, params, created ? null : Console.touched(MODEL, "write", id), e);
            refusedAt(e);
            return null;
        }
    }

    /** The engine's refusal by the field it is about when it names the template or the name, else page-wide. */
    private static void refusedAt(OrmException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String field = message.startsWith("Template") || message.startsWith("A prompt needs a template") ? "prompt:template"
                : message.startsWith("Prompt name") ? "prompt:name" : null;
        if (field == null) {
            Console.refused(e);
        } else {
            FacesContext.getCurrentInstance().addMessage(field,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        }
    }

    /**
     * Renders the form as it stands with the sample arguments, as {@code prompts/get} would: the
     * same renderer, and the same refusal when a required argument is missing.
     */
    public void preview() {
        preview = null;
        previewProblem = null;
        Map<String, String> samples = new LinkedHashMap<>();
        for (Argument a : arguments) {
            String argument = a.getName() == null ? "" : a.getName().strip();
            if (a.getSample() != null && !a.getSample().isEmpty()) {
                samples.put(argument, a.getSample());
            } else if (a.isRequired()) {
                previewProblem = "Missing required argument '" + argument + "' of prompt " + name
                        + ": a client gets this refusal too. Give it a sample value.";
                return;
            }
        }
        try {
            JsonObject rendered = prompts.render(console.context(), name, description, role, template, samples);
            JsonObject message = rendered.getJsonArray("messages").getJsonObject(0);
            previewRole = message.getString("role");
            preview = message.getJsonObject("content").getString("text");
        } catch (InvalidRequest e) {
            refusedAt(e);
        }
    }

    public boolean isMissing() {
        return missing;
    }

    public boolean isCreating() {
        return id == null;
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

    public List<Argument> getArguments() {
        return arguments;
    }

    public String getPreview() {
        return preview;
    }

    public String getPreviewProblem() {
        return previewProblem;
    }

    public String getPreviewRole() {
        return previewRole;
    }
}
