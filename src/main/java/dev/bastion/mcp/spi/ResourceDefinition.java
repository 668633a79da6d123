package dev.bastion.mcp.spi;

/**
 * A concrete resource or a URI template.
 *
 * @param uri         the URI, or the RFC 6570 template for a template
 * @param name        short name
 * @param title       human title, or null
 * @param description what it holds, or null
 * @param mimeType    MIME type, or null
 */
public record ResourceDefinition(String uri, String name, String title, String description, String mimeType) {
}
