package dev.bastion.prompts;

import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.List;

/** A declared argument of a prompt, with where its completions come from. */
@Entity(name = "McpPromptArgument")
@Table(name = "mcp_prompt_argument")
@Model(name = "mcp.prompt.argument", label = "MCP Prompt Argument", module = "mcp", order = "prompt_id, sequence, id",
        description = "Arguments of prompts: name, description, required, completion source")
public class McpPromptArgument {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mcp_prompt_argument_seq")
    @SequenceGenerator(name = "mcp_prompt_argument_seq", sequenceName = "mcp_prompt_argument_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "prompt_id")
    @Field(label = "Prompt", required = true)
    McpPrompt prompt;

    @Field(required = true, help = "The placeholder's name in the template")
    String name;

    @Field(help = "What to give, for the user and the model")
    String description;

    @Field(help = "Getting the prompt without it is refused")
    boolean required;

    @Column(name = "source_model")
    @Field(label = "Completion Model", help = "Completions are display names of this model's records (e.g. res.partner)")
    String sourceModel;

    @Column(name = "source_values")
    @Field(label = "Completion Values", type = FieldType.TEXT, help = "Comma-separated values offered as completions")
    String sourceValues;

    int sequence = 10;

    @Version
    long version;

    protected McpPromptArgument() {
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    public String getSourceModel() {
        return sourceModel;
    }

    /** The fixed completion values, trimmed, in order. */
    public List<String> sourceValues() {
        return sourceValues == null || sourceValues.isBlank() ? List.of()
                : Arrays.stream(sourceValues.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
