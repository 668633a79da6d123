package dev.bastion.mcp.transport;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transport's own protection against DNS rebinding and hostile pages: on a server
 * reached through a loopback address the Host must be a loopback name, and a browser's
 * Origin must be allowed by the settings or be a local origin talking to a local server.
 */
@ApplicationScoped
public class EdgeGuard {

    @Inject
    SettingsService settings;

    /** Why the request must be refused (HTTP 403), or empty when it may pass. */
    Optional<String> refusal(HttpServletRequest request) {
        boolean localServer = isLoopback(request.getLocalAddr());
        String host = hostName(request.getHeader("Host"));
        if (localServer && host != null && !isLocalName(host)) {
            return Optional.of("Host '" + request.getHeader("Host") + "' is not allowed on a local server");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            return Optional.empty();
        }
        List<String> allowed = settings.getList(SettingKey.CORS_ORIGINS);
        if (allowed.contains("*") || allowed.contains(origin)) {
            return Optional.empty();
        }
        String originHost = originHost(origin);
        if (originHost != null && isLocalName(originHost) && (host == null || isLocalName(host))) {
            return Optional.empty();
        }
        return Optional.of("Origin '" + origin + "' is not allowed");
    }

    private static String originHost(String origin) {
        try {
            return URI.create(origin.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host part of a Host header value, without port and IPv6 brackets. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 ? h.substring(0, colon) : h;
    }

    static boolean isLocalName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || h.startsWith("127.");
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
