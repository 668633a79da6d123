package dev.bastion.mcp.spi;

import java.util.List;

/**
 * A prompt as clients list it.
 *
 * @param name        unique name
 * @param title       human title, or null
 * @param description what it is for
 * @param arguments   declared arguments
 */
public record PromptDefinition(String name, String title, String description, List<Argument> arguments) {

    /** A declared argument of a prompt. */
    public record Argument(String name, String description, boolean required) {
    }
}
