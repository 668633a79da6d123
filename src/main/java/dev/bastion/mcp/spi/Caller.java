package dev.bastion.mcp.spi;

/**
 * Who is calling: the authenticated user's login, as the security layer established it.
 *
 * @param name the login; never blank
 */
public record Caller(String name) {
    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller has a name");
        }
    }
}
