package dev.bastion.access;

import dev.bastion.orm.InvalidRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OAuth scopes of {@code /mcp}, which API keys can carry too. They only narrow what the
 * user's rights allow, never widen it, and form one line, each implying the ones before it
 * (MCP authorization, "Scope Challenge Handling": servers account for scope hierarchies):
 * {@value #READ} (reading tools, every resource and prompt), {@value #WRITE} (also the tools
 * that change data) and {@value #ADMIN} (also the administration tools: sessions, settings).
 */
public final class Scopes {

    public static final String READ = "mcp:read";
    public static final String WRITE = "mcp:write";
    public static final String ADMIN = "mcp:admin";
    /** Broadest last: a scope implies every scope before it. */
    public static final List<String> SUPPORTED = List.of(READ, WRITE, ADMIN);
    /** Every scope: what an API key without a scope list, or the first-start administrator, holds. */
    public static final Set<String> ALL = Set.copyOf(SUPPORTED);

    private Scopes() {
    }

    /** {@code granted} with what each scope implies: the set a caller is checked against. */
    public static Set<String> effective(Set<String> granted) {
        int broadest = -1;
        for (String scope : granted) {
            broadest = Math.max(broadest, SUPPORTED.indexOf(scope));
        }
        return Set.copyOf(SUPPORTED.subList(0, broadest + 1));
    }

    /**
     * A space-separated scope list (the OAuth {@code scope} parameter), each a supported scope;
     * an unknown one is refused by name. Empty or blank: empty.
     */
    public static Set<String> parse(String list) {
        Set<String> scopes = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return scopes;
        }
        for (String scope : list.strip().split("[ ,]+")) {
            if (!SUPPORTED.contains(scope)) {
                throw new InvalidRequest("unknown scope '" + scope + "': the scopes are " + String.join(", ", SUPPORTED));
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /** The space-separated form of {@code scopes}, in the order of {@link #SUPPORTED}. */
    public static String format(Set<String> scopes) {
        return String.join(" ", SUPPORTED.stream().filter(scopes::contains).toList());
    }
}
