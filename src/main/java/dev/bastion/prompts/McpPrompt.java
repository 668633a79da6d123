package dev.bastion.prompts;

import dev.bastion.erp.base.User;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.Model;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A prompt MCP clients list and get: global (no owner; administrators manage it) or personal
 * (visible to its owner only). Its template holds {@code {argument}} placeholders; {@code {{}}
 * and {@code }}} write literal braces.
 */
@Entity(name = "McpPrompt")
@Table(name = "mcp_prompt")
@Model(name = "mcp.prompt", label = "MCP Prompt", module = "mcp", order = "sequence, name",
        description = "Prompt templates: global ones (no owner) for everybody, personal ones for their owner only")
public class McpPrompt {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mcp_prompt_seq")
    @SequenceGenerator(name = "mcp_prompt_seq", sequenceName = "mcp_prompt_seq", allocationSize = 50)
    Long id;

    @Field(required = true, help = "Name clients get it by: letters, digits, _ . -")
    String name;

    @Field(help = "Human title")
    String title;

    @Field(type = FieldType.TEXT, help = "What the prompt is for")
    String description;

    @Field(type = FieldType.SELECTION, selection = {"user:User", "assistant:Assistant"},
            help = "Who speaks the rendered message")
    String role = "user";

    @Field(type = FieldType.TEXT, required = true,
            help = "Message with {argument} placeholders ({today} and {user} are filled in); {{ and }} for literal braces")
    String template;

    @ManyToOne
    @JoinColumn(name = "owner_id")
    @Field(label = "Owner", help = "Empty: a global prompt; else the only user who sees it (set it to your own user id)")
    User owner;

    @Field(help = "Prompts are listed by ascending sequence")
    int sequence = 10;

    @Field(help = "Off: nobody lists or gets it")
    boolean active = true;

    @OneToMany(mappedBy = "prompt", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence, id")
    @Field(name = "argument_ids", label = "Arguments")
    List<McpPromptArgument> arguments = new ArrayList<>();

    @Version
    long version;

    protected McpPrompt() {
    }

    @PrePersist
    @PreUpdate
    void check() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequest("Prompt name '" + name + "' is not valid: use letters, digits, _ . -, at most 64");
        }
        Template.parse(template);
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

    public String getRole() {
        return role;
    }

    public String getTemplate() {
        return template;
    }

    public User getOwner() {
        return owner;
    }

    public List<McpPromptArgument> getArguments() {
        return arguments;
    }
}
