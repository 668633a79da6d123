package dev.bastion.mcp.spi;

import jakarta.json.JsonObject;

/**
 * A tool as clients list it.
 *
 * @param name         unique, {@code ^[A-Za-z0-9_./-]{1,64}$}
 * @param title        human title, or null
 * @param description  what it does, for the model
 * @param inputSchema  JSON Schema (2020-12) of the arguments, an object schema
 * @param outputSchema JSON Schema of {@code structuredContent}, or null
 * @param annotations  behaviour hints (readOnlyHint, destructiveHint...), or null
 * @param scope        the OAuth scope a caller's credentials must carry to see and call it ({@link Caller#permits}),
 *                     or null when no scope guards it
 */
public record ToolDefinition(String name, String title, String description, JsonObject inputSchema,
                             JsonObject outputSchema, JsonObject annotations, String scope) {

    /** A tool no scope guards. */
    public ToolDefinition(String name, String title, String description, JsonObject inputSchema,
                          JsonObject outputSchema, JsonObject annotations) {
        this(name, title, description, inputSchema, outputSchema, annotations, null);
    }

    public static ToolDefinition of(String name, String description, JsonObject inputSchema) {
        return new ToolDefinition(name, null, description, inputSchema, null, null);
    }
}
