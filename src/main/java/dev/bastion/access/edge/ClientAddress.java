package dev.bastion.access.edge;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address a request comes from: the socket's peer, unless that peer is a trusted reverse
 * proxy, in which case the right-most {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy. Entries that are not addresses end the walk, so a forged header can at most
 * name the address the trusted proxy saw.
 */
@ApplicationScoped
public class ClientAddress {

    /**
     * One address written the usual way: no wildcards, ranges, prefixes, masks or inet_aton
     * shorthands ({@code 127.1}), which would otherwise parse as sets of addresses or as
     * addresses a browser or resolver reads differently.
     */
    private static final IPAddressStringParameters SINGLE_ADDRESS = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefix(false).allowMask(false)
            .allowPrefixOnly(false).allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false).toParams();

    /** Request attribute: the address once resolved, for the other checks of the same request. */
    private static final String RESOLVED = ClientAddress.class.getName();
    /**
     * Addresses already parsed, by their text: clients come back from the same few addresses, and
     * parsing one costs more than the rest of the edge checks. Bounded, as the texts of
     * {@code X-Forwarded-For} hops come from clients: the map is emptied when full.
     */
    private static final int PARSED_MAX = 4096;
    private static final Map<String, Optional<IPAddress>> PARSED = new ConcurrentHashMap<>();

    @Inject
    SettingsService settings;

    /** The client's address in canonical form ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public IPAddress of(HttpServletRequest request) {
        if (request.getAttribute(RESOLVED) instanceof IPAddress known) {
            return known;
        }
        IPAddress resolved = resolve(request);
        if (resolved != null) {
            request.setAttribute(RESOLVED, resolved);
        }
        return resolved;
    }

    private IPAddress resolve(HttpServletRequest request) {
        IPAddress peer = parse(request.getRemoteAddr());
        List<IPAddress> proxies = settings.getCidrs(SettingKey.TRUSTED_PROXIES);
        if (peer == null || !within(peer, proxies)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        IPAddress client = peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            IPAddress hop = parse(hops[i].trim());
            if (hop == null) {
                break;
            }
            client = hop;
            if (!within(hop, proxies)) {
                break;
            }
        }
        return client;
    }

    /** Whether the socket's peer is a trusted reverse proxy, whose {@code X-Forwarded-*} headers may be believed. */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        IPAddress peer = parse(request.getRemoteAddr());
        return peer != null && within(peer, settings.getCidrs(SettingKey.TRUSTED_PROXIES));
    }

    static boolean within(IPAddress address, List<IPAddress> blocks) {
        for (IPAddress block : blocks) {
            IPAddress a = address;
            if (block.isIPv4() != a.isIPv4()) {
                a = a.isIPv4Convertible() && block.isIPv6() ? a.toIPv6()
                        : a.isIPv6() && a.isIPv4Convertible() ? a.toIPv4() : null;
            }
            if (a != null && block.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** One address in its usual notation, or null for anything else (names, blocks, wildcards). */
    static IPAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Optional<IPAddress> known = PARSED.get(text);
        if (known == null) {
            IPAddress address = new IPAddressString(text, SINGLE_ADDRESS).getAddress();
            known = address == null || address.isPrefixed() || address.isMultiple() ? Optional.empty()
                    : Optional.of(address);
            if (PARSED.size() >= PARSED_MAX) {
                PARSED.clear();
            }
            PARSED.put(text, known);
        }
        return known.orElse(null);
    }
}
