package dev.bastion.mcp.spi;

/**
 * Fired (asynchronously) by features when what clients see changed; the server turns it into
 * {@code list_changed} or {@code resources/updated} notifications on every stream concerned.
 *
 * @param kind what changed
 * @param uri  the resource URI for {@link Kind#RESOURCE_UPDATED}, else null
 */
public record FeatureChanged(Kind kind, String uri) {

    /** What changed. */
    public enum Kind { TOOLS, PROMPTS, RESOURCES, RESOURCE_UPDATED }

    public static FeatureChanged tools() {
        return new FeatureChanged(Kind.TOOLS, null);
    }

    public static FeatureChanged prompts() {
        return new FeatureChanged(Kind.PROMPTS, null);
    }

    public static FeatureChanged resources() {
        return new FeatureChanged(Kind.RESOURCES, null);
    }

    public static FeatureChanged resourceUpdated(String uri) {
        return new FeatureChanged(Kind.RESOURCE_UPDATED, uri);
    }
}
