package dev.bastion.access.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

    /** A request as the servlet container sees it: the socket's scheme, host and port, and headers. */
    private static HttpServletRequest request(String scheme, String host, int port, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(PublicUrlTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> scheme;
                    case "getServerName" -> host;
                    case "getServerPort" -> port;
                    case "getContextPath" -> "";
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "mcp.example.com", "X-Forwarded-Port", "443");

    @Test
    void theRequestsOwnAddressWithThePortOnlyWhenItIsNotTheDefault() {
        assertEquals("http://192.0.2.2:8080", PublicUrl.of(request("http", "192.0.2.2", 8080, Map.of()), false));
        assertEquals("https://bastion.example", PublicUrl.of(request("https", "bastion.example", 443, Map.of()), false));
        assertEquals("http://[2001:db8::1]:8080", PublicUrl.of(request("http", "2001:db8::1", 8080, Map.of()), false));
    }

    @Test
    void forwardedHeadersCountOnlyFromATrustedProxy() {
        HttpServletRequest proxied = request("http", "10.0.0.5", 8080, FORWARDED);
        assertEquals("https://mcp.example.com", PublicUrl.of(proxied, true));
        assertEquals("http://10.0.0.5:8080", PublicUrl.of(proxied, false), "anyone else could name any host");
    }

    @Test
    void aForwardedHostThatIsNotAHostIsIgnored() {
        HttpServletRequest forged = request("http", "10.0.0.5", 8080,
                Map.of("X-Forwarded-Host", "evil.example/path?x=", "X-Forwarded-Proto", "javascript"));
        assertEquals("http://10.0.0.5:8080", PublicUrl.of(forged, true));
        assertEquals("http://mcp.example.com:8443", PublicUrl.of(request("http", "10.0.0.5", 8080,
                Map.of("X-Forwarded-Host", "mcp.example.com, inner.local", "X-Forwarded-Port", "8443")), true),
                "the first (client-facing) host of a chain, with its port");
    }
}
