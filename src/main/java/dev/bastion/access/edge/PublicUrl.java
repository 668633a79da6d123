package dev.bastion.access.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address clients reach this server at, as the browser asking sees it: scheme, host and port
 * of the request, or of {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} /
 * {@code X-Forwarded-Port} when (and only when) the request comes from a trusted proxy
 * ({@code bastion.trusted-proxies}), so nobody can make the console hand out snippets pointing
 * at a host of their choosing.
 */
@ApplicationScoped
public class PublicUrl {

    /** A host name, IPv4 address or bracketed IPv6 address, with an optional port: nothing a URL could be smuggled in. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    @Inject
    ClientAddress addresses;

    /** {@code https://host[:port]} plus the context path, without a trailing slash. */
    public String of(HttpServletRequest request) {
        return of(request, addresses.fromTrustedProxy(request));
    }

    static String of(HttpServletRequest request, boolean fromTrustedProxy) {
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String hostAndPort = host + (defaultPort(scheme, port) ? "" : ":" + port);
        if (fromTrustedProxy) {
            String proto = first(request.getHeader("X-Forwarded-Proto"));
            if ("http".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(proto)) {
                scheme = proto.toLowerCase(Locale.ROOT);
            }
            String forwardedHost = first(request.getHeader("X-Forwarded-Host"));
            String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
            if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
                hostAndPort = forwardedHost;
                if (!forwardedHost.matches(".*:[0-9]+$") && forwardedPort != null && forwardedPort.matches("[0-9]{1,5}")
                        && !defaultPort(scheme, Integer.parseInt(forwardedPort))) {
                    hostAndPort += ":" + forwardedPort;
                }
            }
        }
        return scheme + "://" + hostAndPort + request.getContextPath();
    }

    private static boolean defaultPort(String scheme, int port) {
        return ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    }

    /** The first value of a header a chain of proxies may have appended to: the one the client's side set. */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }
}
