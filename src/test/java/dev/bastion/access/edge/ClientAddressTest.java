package dev.bastion.access.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.settings.SettingKey;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @SuppressWarnings("unchecked")
    private static List<IPAddress> blocks(String text) {
        return (List<IPAddress>) SettingKey.TRUSTED_PROXIES.parse(text);
    }

    @Test
    void blocksMatchIPv4AndIPv6() {
        List<IPAddress> blocks = blocks("10.0.0.0/8, 192.168.1.7, 2001:db8::/32");
        assertTrue(ClientAddress.within(ClientAddress.parse("10.200.3.4"), blocks));
        assertTrue(ClientAddress.within(ClientAddress.parse("192.168.1.7"), blocks));
        assertFalse(ClientAddress.within(ClientAddress.parse("192.168.1.8"), blocks));
        assertTrue(ClientAddress.within(ClientAddress.parse("2001:db8:ffff::1"), blocks));
        assertFalse(ClientAddress.within(ClientAddress.parse("2001:db9::1"), blocks));
        assertTrue(ClientAddress.within(ClientAddress.parse("::ffff:10.1.2.3"), blocks), "IPv4-mapped IPv6");
        assertFalse(ClientAddress.within(ClientAddress.parse("11.0.0.1"), blocks));
    }

    @Test
    void aSettingWithAnInvalidBlockIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingKey.IP_FILTER_CIDRS.parse("10.0.0.0/8, 300.1.1.1"));
        assertTrue(e.getMessage().contains("bastion.ip-filter.cidrs") && e.getMessage().contains("300.1.1.1"), e.getMessage());
    }

    @Test
    void garbageIsNoAddress() {
        assertNull(ClientAddress.parse("not-an-ip"));
        assertNull(ClientAddress.parse("10.0.0.0/8"), "a block is not a client address");
        assertNull(ClientAddress.parse(""));
        assertEquals("2001:db8::1", ClientAddress.parse("2001:DB8:0::1").toCanonicalString());
    }

    @Test
    void corsAllowsTheMcpHeadersAndTheParamHeadersAsked() {
        Set<String> headers = CorsFilter.allowedHeaders("authorization, Mcp-Param-Region, x-evil");
        assertTrue(headers.containsAll(Set.of("Authorization", "Content-Type", "MCP-Protocol-Version", "Mcp-Session-Id",
                "Mcp-Method", "Mcp-Name", "Last-Event-ID", "Mcp-Param-Region")));
        assertFalse(headers.contains("x-evil"));
        assertEquals("[::1]", Origins.hostName("[::1]:8080"));
        assertEquals("example.com", Origins.hostName("Example.com:443"));
    }
}
