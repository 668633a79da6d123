package dev.bastion.mcp.transport;

import dev.bastion.access.edge.ClientAddress;
import dev.bastion.access.edge.Origins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The transport's own protection against DNS rebinding and hostile pages: on a server
 * reached through a loopback address the Host must be a loopback name, unless a trusted reverse
 * proxy forwarded the request (nginx on the same host passes the public name on), and a browser's
 * Origin must be allowed by the settings or be a local origin talking to a local server, proxy or
 * not.
 */
@ApplicationScoped
public class EdgeGuard {

    @Inject
    Origins origins;

    @Inject
    ClientAddress clientAddress;

    /** Why the request must be refused (HTTP 403), or empty when it may pass. */
    Optional<String> refusal(HttpServletRequest request) {
        boolean localServer = isLoopback(request.getLocalAddr());
        String host = request.getHeader("Host");
        if (localServer && host != null && !Origins.isLocalHost(host) && !clientAddress.fromTrustedProxy(request)) {
            return Optional.of("Host '" + host + "' is not allowed on a local server");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank() || origins.allowed(origin, host)) {
            return Optional.empty();
        }
        return Optional.of("Origin '" + origin + "' is not allowed");
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
