package dev.bastion.resources;

import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A resource or URI template as MCP clients list it, editable live (wording, order, active).
 * What it returns is its {@link #handler}, one of the {@link BuiltinResource}s; those are
 * seeded at startup when their row is missing.
 */
@Entity(name = "McpResource")
@Table(name = "mcp_resource")
@Model(name = "mcp.resource", label = "MCP Resource", module = "mcp", order = "sequence, name",
        description = "Resources and URI templates MCP clients see; a URI with {placeholders} is a template")
public class McpResource {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mcp_resource_seq")
    @SequenceGenerator(name = "mcp_resource_seq", sequenceName = "mcp_resource_seq", allocationSize = 50)
    Long id;

    @Field(label = "URI", required = true, help = "The URI, or an RFC 6570 template like bastion://record/{model}/{id}")
    String uri;

    @Field(required = true, help = "Short name")
    String name;

    @Field(help = "Human title")
    String title;

    @Field(type = FieldType.TEXT, help = "What it holds, for the AI model")
    String description;

    @Column(name = "mime_type")
    @Field(label = "MIME Type")
    String mimeType = "application/json";

    @Field(help = "Resources are listed by ascending sequence")
    int sequence = 10;

    @Field(help = "Off: clients neither list nor read it")
    boolean active = true;

    @Field(type = FieldType.SELECTION, required = true, help = "The built-in implementation that produces the contents",
            selection = {"system", "models", "model_fields", "model_access", "module", "record"})
    String handler;

    @Version
    long version;

    protected McpResource() {
    }

    static McpResource of(BuiltinResource builtin) {
        McpResource r = new McpResource();
        r.uri = builtin.uri();
        r.name = builtin.resourceName();
        r.title = builtin.title();
        r.description = builtin.description();
        r.sequence = builtin.sequence();
        r.handler = builtin.handlerName();
        return r;
    }

    /** A template must keep the placeholders its handler reads. */
    @PrePersist
    @PreUpdate
    void check() {
        BuiltinResource builtin = BuiltinResource.handler(handler).orElseThrow(() ->
                new InvalidRequest("Unknown resource handler '" + handler + "'"));
        for (String placeholder : builtin.placeholders()) {
            if (uri == null || !uri.contains("{" + placeholder + "}")) {
                throw new InvalidRequest("The URI of a " + handler + " resource must contain {" + placeholder + "}");
            }
        }
    }

    public String getUri() {
        return uri;
    }

    public String getName() {
        return name;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getMimeType() {
        return mimeType;
    }

    public String getHandler() {
        return handler;
    }

    boolean isTemplate() {
        return uri.contains("{");
    }
}
