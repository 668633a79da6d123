package dev.bastion.mcp.spi;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * A tool's outcome.
 *
 * @param content           content blocks (see {@link Content})
 * @param structuredContent structured result matching the tool's output schema, or null
 * @param isError           true when the tool failed in a way the model can read and fix
 * @param denied            true when it failed because the caller lacks a right (an audit outcome of its own)
 */
public record ToolResult(List<JsonObject> content, JsonObject structuredContent, boolean isError, boolean denied) {

    public ToolResult(List<JsonObject> content, JsonObject structuredContent, boolean isError) {
        this(content, structuredContent, isError, false);
    }

    public static ToolResult of(JsonObject... content) {
        return new ToolResult(List.of(content), null, false);
    }

    public static ToolResult text(String text) {
        return of(Content.text(text));
    }

    /** A failure the model should read: {@code isError} with one text block. */
    public static ToolResult error(String message) {
        return new ToolResult(List.of(Content.text(message)), null, true);
    }

    /** A refusal for lack of rights: {@code isError} with the refusal's text. */
    public static ToolResult denied(String message) {
        return new ToolResult(List.of(Content.text(message)), null, true, true);
    }

    /** Structured data plus the same data as JSON text, for clients without structured content. */
    public static ToolResult structured(JsonObject data) {
        return new ToolResult(List.of(Content.text(data.toString())), data, false);
    }

    public JsonArray contentArray() {
        JsonArrayBuilder b = Jsons.createArrayBuilder();
        content.forEach(b::add);
        return b.build();
    }
}
