package dev.bastion.settings;

import java.util.List;

/**
 * Every live setting. The key is also the MicroProfile Config name of its default, so
 * {@code bastion.rate-limit.per-minute} defaults from that config key, or from the env var
 * {@code BASTION_RATE_LIMIT_PER_MINUTE}. Later features add their keys here.
 */
public enum SettingKey {
    SERVER_ENABLED("bastion.server.enabled", SettingType.BOOLEAN,
            "Whether /mcp serves clients; when false every request to /mcp answers 503 (sessions are kept), MCP "
                    + "tools included: it is enabled again from the admin console (Settings), not over MCP."),
    RATE_LIMIT_PER_MINUTE("bastion.rate-limit.per-minute", SettingType.COUNT,
            "Requests one user may make to /mcp per minute; 0 turns the limit off."),
    SESSION_TTL("bastion.session.ttl", SettingType.DURATION,
            "How long an idle MCP session of the stateful revisions lives."),
    MAX_RECORDS("bastion.max-records", SettingType.COUNT,
            "Most records one response may carry; larger requests are capped and paged."),
    QUERY_TIMEOUT("bastion.query-timeout", SettingType.DURATION,
            "Longest a database query of the data engine may run before it is stopped and the call refused; 0 for no limit."),
    AUDIT_RETENTION("bastion.audit.retention", SettingType.DURATION,
            "How long audit entries are kept before the retention job removes them; 0 keeps them for ever."),
    AUDIT_LOG_LINES("bastion.audit.log-lines", SettingType.BOOLEAN,
            "When true, every audit entry is also written to the server log as one JSON line (logger bastion.audit), "
                    + "for log shippers and SIEM tools."),
    CORS_ORIGINS("bastion.cors.origins", SettingType.ORIGINS,
            "Browser origins allowed to call /mcp (comma-separated scheme://host[:port]; * allows any)."),
    IP_FILTER_MODE("bastion.ip-filter.mode", SettingType.CHOICE,
            "off, allow (only the listed CIDRs may connect) or deny (the listed CIDRs may not).",
            "off", "allow", "deny"),
    IP_FILTER_CIDRS("bastion.ip-filter.cidrs", SettingType.CIDRS,
            "IPv4 and IPv6 CIDRs the IP filter applies to (comma-separated)."),
    TRUSTED_PROXIES("bastion.trusted-proxies", SettingType.CIDRS,
            "CIDRs of reverse proxies whose X-Forwarded-For is believed (comma-separated)."),
    LOCKOUT_THRESHOLD("bastion.lockout.threshold", SettingType.COUNT,
            "Failed authentications from one IP within the window that lock it out; 0 turns lockout off."),
    LOCKOUT_WINDOW("bastion.lockout.window", SettingType.DURATION,
            "The window in which failed authentications are counted."),
    LOCKOUT_PERIOD("bastion.lockout.period", SettingType.DURATION,
            "How long a locked-out IP is refused."),
    MCP_PAGE_SIZE("bastion.mcp.page-size", SettingType.COUNT,
            "Items per page of the MCP list methods (tools, resources, templates, prompts)."),
    MCP_MAX_BODY_BYTES("bastion.mcp.max-body-bytes", SettingType.COUNT,
            "Largest request body /mcp accepts; larger ones get 413."),
    MCP_CLIENT_REQUEST_TIMEOUT("bastion.mcp.client-request-timeout", SettingType.DURATION,
            "How long a tool waits for the client to answer sampling, elicitation or roots requests."),
    MCP_CACHE_TTL("bastion.mcp.cache-ttl", SettingType.DURATION,
            "ttlMs hint on lists, discovery and resource reads for 2026-07-28 clients (0 = always re-fetch)."),
    MCP_CACHE_SCOPE("bastion.mcp.cache-scope", SettingType.CHOICE,
            "cacheScope hint: private (per user; lists depend on the caller's rights) or public.",
            "private", "public"),
    MCP_RESULT_MAX_BYTES("bastion.mcp.result-max-bytes", SettingType.COUNT,
            "Size budget of one tool result's JSON; longer search results are cut and say how to fetch the rest."),
    MCP_REQUIRE_CONFIRMATION("bastion.mcp.require-confirmation", SettingType.BOOLEAN,
            "When true, destructive tools (delete, destructive methods) are refused for clients that cannot ask "
                    + "their user for confirmation; when false they proceed without it for such clients."),
    OAUTH_DYNAMIC_REGISTRATION("bastion.oauth.dynamic-registration", SettingType.BOOLEAN,
            "Whether OAuth clients may register themselves (RFC 7591 Dynamic Client Registration at /oauth/register); "
                    + "when false only pre-registered clients and Client ID Metadata Documents are accepted."),
    OAUTH_ACCESS_TOKEN_TTL("bastion.oauth.access-token-ttl", SettingType.DURATION,
            "How long an OAuth access token of the embedded authorization server is valid."),
    OAUTH_REFRESH_TOKEN_TTL("bastion.oauth.refresh-token-ttl", SettingType.DURATION,
            "How long an OAuth refresh token is valid; each refresh rotates it and starts this period again."),
    OAUTH_METADATA_PRIVATE_HOSTS("bastion.oauth.metadata-private-hosts", SettingType.BOOLEAN,
            "Whether Client ID Metadata Documents may be fetched from loopback and private addresses (and over "
                    + "plain http from loopback); off protects the server's network from requests it is made to send."),
    OAUTH_EXTERNAL_ISSUER("bastion.oauth.external.issuer", SettingType.LIST,
            "The issuer URL of an external OpenID Connect provider (Keycloak, Entra ID...) whose JWT access tokens /mcp "
                    + "accepts besides the embedded authorization server's; its keys come from OpenID Connect discovery "
                    + "and its JWKS. Empty: none."),
    OAUTH_EXTERNAL_AUDIENCE("bastion.oauth.external.audience", SettingType.LIST,
            "Audiences (aud) an external provider's token may carry besides this server's /mcp URL, e.g. the client "
                    + "id the provider puts there (comma-separated)."),
    OAUTH_EXTERNAL_USER_CLAIM("bastion.oauth.external.user-claim", SettingType.CHOICE,
            "The claim of an external token naming the user: its value is a res.users login (or, for email, also "
                    + "a user's email).", "email", "preferred_username", "sub"),
    OAUTH_EXTERNAL_CREATE_USERS("bastion.oauth.external.create-users", SettingType.BOOLEAN,
            "Whether a valid external token of an unknown user creates that user on first use, in the groups of "
                    + "bastion.oauth.external.groups."),
    OAUTH_EXTERNAL_GROUPS("bastion.oauth.external.groups", SettingType.LIST,
            "Groups (stable names, comma-separated) of users created from external tokens."),
    DEMO_DATA("bastion.demo-data", SettingType.CHOICE,
            "Demo companies, users, partners, products, orders and invoices loaded at startup into a database "
                    + "without partners or orders: auto (only on the embedded H2 database), true or false.",
            "auto", "true", "false");

    private final String key;
    private final SettingType type;
    private final String description;
    private final List<String> choices;

    SettingKey(String key, SettingType type, String description, String... choices) {
        this.key = key;
        this.type = type;
        this.description = description;
        this.choices = List.of(choices);
    }

    /** The stored and MicroProfile Config name, e.g. {@code bastion.session.ttl}. */
    public String key() {
        return key;
    }

    public SettingType type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** The allowed values of a {@link SettingType#CHOICE} setting, empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /**
     * The typed value of {@code text}, or an {@link IllegalArgumentException} saying what this
     * key expects.
     */
    public Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(key + ": a value is required");
        }
        try {
            Object value = type.parse(text);
            if (!choices.isEmpty() && !choices.contains(value)) {
                throw new IllegalArgumentException("expected one of " + choices + ", got '" + text + "'");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The constant whose key is {@code key}. */
    public static java.util.Optional<SettingKey> byKey(String key) {
        for (SettingKey k : values()) {
            if (k.key.equals(key)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
