package dev.bastion.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.orm.InvalidRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void aBroaderScopeImpliesTheNarrowerOnes() {
        assertEquals(Set.of("mcp:read"), Scopes.effective(Set.of("mcp:read")));
        assertEquals(Set.of("mcp:read", "mcp:write"), Scopes.effective(Set.of("mcp:write")));
        assertEquals(Scopes.ALL, Scopes.effective(Set.of("mcp:admin", "mcp:read")));
        assertEquals(Set.of(), Scopes.effective(Set.of()));
    }

    @Test
    void listsAreParsedStrictlyAndFormattedInOrder() {
        assertEquals(Set.of("mcp:read", "mcp:write"), Scopes.parse(" mcp:write  mcp:read "));
        assertEquals("mcp:read mcp:write", Scopes.format(Scopes.parse("mcp:write mcp:read")));
        assertTrue(Scopes.parse("  ").isEmpty());
        InvalidRequest unknown = assertThrows(InvalidRequest.class, () -> Scopes.parse("mcp:read offline_access"));
        assertTrue(unknown.getMessage().contains("offline_access"), unknown.getMessage());
    }
}
