package dev.bastion.access.edge;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.IPAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which browser origins may call {@code /mcp}: those of the CORS setting ({@code *} for any),
 * and a local page talking to a local server. Origins and hosts are parsed, never compared by
 * prefix: {@code 127.0.0.1.evil.example} is a name under {@code evil.example}, not a loopback
 * address.
 */
@ApplicationScoped
public class Origins {

    /** One DNS label (RFC 1123); a name is labels joined by dots. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @Inject
    SettingsService settings;

    /**
     * Whether a page of {@code origin} may call this server, reached under {@code hostHeader}
     * (the Host header as sent, or null when there is none).
     */
    public boolean allowed(String origin, String hostHeader) {
        List<String> allowed = settings.getList(SettingKey.CORS_ORIGINS);
        if (allowed.contains("*") || allowed.contains(origin)) {
            return true;
        }
        String originHost = hostOf(origin);
        return originHost != null && isLocalName(originHost) && (hostHeader == null || isLocalHost(hostHeader));
    }

    /** Whether a Host header value is a valid {@code host[:port]} whose host names this machine. */
    public static boolean isLocalHost(String hostHeader) {
        return isLocalName(hostName(hostHeader));
    }

    /**
     * Whether {@code host} names this machine: {@code localhost} or a name under it (RFC 6761),
     * or a loopback address ({@code 127.0.0.0/8}, {@code ::1}, bracketed or not). Anything
     * else, including what merely starts like a loopback address, is not.
     */
    public static boolean isLocalName(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            IPAddress address = ClientAddress.parse(h.substring(1, h.length() - 1));
            return address != null && address.isIPv6() && address.isLoopback();
        }
        IPAddress address = ClientAddress.parse(h);
        if (address != null) {
            return address.isLoopback();
        }
        return isDnsName(h) && (h.equals("localhost") || h.endsWith(".localhost"));
    }

    private static boolean isDnsName(String h) {
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The host part of a Host header value ({@code host[:port]}, IPv6 in brackets), lower
     * case, brackets kept; null when absent or not a valid {@code host[:port]}.
     */
    public static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI("http://" + hostHeader.trim() + "/");
            if (uri.getHost() == null || uri.getRawUserInfo() != null || !"/".equals(uri.getRawPath())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The host of a serialized origin ({@code scheme://host[:port]}, nothing more), or null. */
    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin.trim());
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return web && bare && uri.getHost() != null ? uri.getHost().toLowerCase(Locale.ROOT) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
