package dev.bastion.access.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Loopback names and Host headers are parsed, never matched by prefix (issue 18, finding 6). */
class OriginsTest {

    @Test
    void loopbackNamesAndAddressesAreLocal() {
        for (String local : new String[] {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.8.9.10", "[::1]",
                "::1", "[0:0:0:0:0:0:0:1]"}) {
            assertTrue(Origins.isLocalName(local), local);
        }
    }

    @Test
    void namesThatOnlyLookLocalAreNot() {
        for (String foreign : new String[] {"127.0.0.1.evil.example", "127.evil.example", "localhost.evil.example",
                "evil-localhost", "evillocalhost", "[::1].evil", "[127.0.0.1]", "127.0.0.*", "127.0.0.0/8", "127.1",
                "0x7f.0.0.1", "[::2]", "10.0.0.1", "", "local host", "localhost.", ".localhost"}) {
            assertFalse(Origins.isLocalName(foreign), foreign);
        }
        assertFalse(Origins.isLocalName(null));
    }

    @Test
    void hostHeadersAreParsedAsHostAndPort() {
        assertTrue(Origins.isLocalHost("127.0.0.1:8080"));
        assertTrue(Origins.isLocalHost("localhost"));
        assertTrue(Origins.isLocalHost("[::1]:443"));
        assertFalse(Origins.isLocalHost("127.0.0.1.evil.example"));
        assertFalse(Origins.isLocalHost("127.0.0.1.evil.example:8080"));
        assertFalse(Origins.isLocalHost("localhost:80@evil.example"));
        assertFalse(Origins.isLocalHost("localhost/evil"));
        assertFalse(Origins.isLocalHost("::1"), "an IPv6 host needs brackets in a Host header");
        assertFalse(Origins.isLocalHost("localhost:notaport"));
        assertNull(Origins.hostName("localhost:80@evil.example"));
        assertEquals("127.0.0.1.evil.example", Origins.hostName("127.0.0.1.evil.example:8080"));
    }
}
