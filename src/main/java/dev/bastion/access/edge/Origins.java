package dev.bastion.access.edge;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may call {@code /mcp}: those of the CORS setting ({@code *} for any),
 * and a local page talking to a local server.
 */
@ApplicationScoped
public class Origins {

    @Inject
    SettingsService settings;

    /**
     * Whether a page of {@code origin} may call this server, reached under {@code host} (the
     * Host header's name, or null).
     */
    public boolean allowed(String origin, String host) {
        List<String> allowed = settings.getList(SettingKey.CORS_ORIGINS);
        if (allowed.contains("*") || allowed.contains(origin)) {
            return true;
        }
        String originHost = hostOf(origin);
        return originHost != null && isLocalName(originHost) && (host == null || isLocalName(host));
    }

    /** Whether {@code host} names this machine (localhost, 127.x, ::1). */
    public static boolean isLocalName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || h.startsWith("127.");
    }

    /** The host part of a Host header value, without port and IPv6 brackets; null when absent. */
    public static String hostName(String hostHeader) {
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

    private static String hostOf(String origin) {
        try {
            return URI.create(origin.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
