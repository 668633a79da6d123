package dev.bastion.mcp.spi;

import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Builders of MCP content blocks (text, image, audio, embedded resource, resource link). */
public final class Content {

    private Content() {
    }

    public static JsonObject text(String text) {
        return Jsons.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    public static JsonObject image(String base64, String mimeType) {
        return Jsons.createObjectBuilder().add("type", "image").add("data", base64).add("mimeType", mimeType).build();
    }

    public static JsonObject audio(String base64, String mimeType) {
        return Jsons.createObjectBuilder().add("type", "audio").add("data", base64).add("mimeType", mimeType).build();
    }

    /** An embedded text resource. */
    public static JsonObject resource(String uri, String mimeType, String text) {
        return Jsons.createObjectBuilder().add("type", "resource")
                .add("resource", textContents(uri, mimeType, text)).build();
    }

    public static JsonObject resourceLink(String uri, String name, String description, String mimeType) {
        JsonObjectBuilder b = Jsons.createObjectBuilder().add("type", "resource_link").add("uri", uri).add("name", name);
        if (description != null) {
            b.add("description", description);
        }
        if (mimeType != null) {
            b.add("mimeType", mimeType);
        }
        return b.build();
    }

    /** Text contents of a resource, as {@code resources/read} returns them. */
    public static JsonObject textContents(String uri, String mimeType, String text) {
        return Jsons.createObjectBuilder().add("uri", uri).add("mimeType", mimeType).add("text", text).build();
    }

    /** Binary contents of a resource, base64 encoded. */
    public static JsonObject blobContents(String uri, String mimeType, String base64) {
        return Jsons.createObjectBuilder().add("uri", uri).add("mimeType", mimeType).add("blob", base64).build();
    }
}
