package dev.bastion.resources;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in resources and templates, with the wording seeded into {@code mcp_resource}. */
enum BuiltinResource {

    SYSTEM("bastion://system", "system", "System information", 10,
            "Product and version, supported MCP revisions, server time and your time zone, your user, "
                    + "your companies and the installed modules. Read it first."),
    MODELS("bastion://models", "models", "Models you may use", 20,
            "Every business model you may read: technical name, label, description, module. Use the technical "
                    + "name in the tools' model argument."),
    MODEL_FIELDS("bastion://model/{model}/fields", "model_fields", "Fields and methods of a model", 30,
            "The fields of one model (type, label, help, required, read-only, selection values, relation) and its "
                    + "public business methods with their parameters, limited to what you may use."),
    MODEL_ACCESS("bastion://model/{model}/access", "model_access", "Your access to a model", 40,
            "What you may do on one model: read, write, create, delete, which fields and which methods, "
                    + "rights and MCP overrides combined."),
    MODULE("bastion://module/{module}", "module", "Module", 50,
            "One installed module: title, version, summary, dependencies and models."),
    RECORD("bastion://record/{model}/{id}", "record", "Record", 60,
            "One record as JSON under your rights; subscribe to it to hear when it changes.");

    private final String uri;
    private final String resourceName;
    private final String title;
    private final int sequence;
    private final String description;

    BuiltinResource(String uri, String resourceName, String title, int sequence, String description) {
        this.uri = uri;
        this.resourceName = resourceName;
        this.title = title;
        this.sequence = sequence;
        this.description = description;
    }

    static Optional<BuiltinResource> handler(String name) {
        return Arrays.stream(values()).filter(b -> b.handlerName().equals(name)).findFirst();
    }

    String handlerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The placeholders the handler reads from the URI. */
    List<String> placeholders() {
        return UriTemplate.placeholders(uri);
    }

    String uri() {
        return uri;
    }

    String resourceName() {
        return resourceName;
    }

    String title() {
        return title;
    }

    int sequence() {
        return sequence;
    }

    String description() {
        return description;
    }
}
