package dev.bastion.mcp.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCP revisions Bastion speaks, oldest first, and the rules that differ between them.
 * Every per-revision decision in the engine asks this enum instead of comparing strings.
 */
public enum ProtocolRevision {
    V2024_11_05("2024-11-05"),
    V2025_03_26("2025-03-26"),
    V2025_06_18("2025-06-18"),
    V2025_11_25("2025-11-25"),
    /** Stateless: no initialize, no session; every request carries its version and capabilities. */
    V2026_07_28("2026-07-28");

    private final String version;

    ProtocolRevision(String version) {
        this.version = version;
    }

    /** The wire string, e.g. {@code 2025-06-18}. */
    public String version() {
        return version;
    }

    /** The newest revision with sessions: what {@code initialize} falls back to. */
    public static ProtocolRevision latestStateful() {
        return V2025_11_25;
    }

    public static Optional<ProtocolRevision> of(String version) {
        return Arrays.stream(values()).filter(r -> r.version.equals(version)).findFirst();
    }

    /** Every version Bastion serves, oldest first. */
    public static List<String> supportedVersions() {
        return Arrays.stream(values()).map(ProtocolRevision::version).toList();
    }

    /** The versions served without sessions, as {@code server/discover} lists them. */
    public static List<String> statelessVersions() {
        return Arrays.stream(values()).filter(ProtocolRevision::isStateless).map(ProtocolRevision::version).toList();
    }

    /**
     * 2026-07-28 and later: no {@code initialize}, no session, per-request {@code _meta},
     * {@code resultType} on every result, input_required instead of server-to-client requests.
     */
    public boolean isStateless() {
        return atLeast(V2026_07_28);
    }

    private boolean atLeast(ProtocolRevision other) {
        return compareTo(other) >= 0;
    }

    /** JSON-RPC batches: only 2025-03-26 allowed them (added there, removed in 2025-06-18). */
    public boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** {@code structuredContent} and {@code outputSchema} on tools (2025-06-18). */
    public boolean hasStructuredContent() {
        return atLeast(V2025_06_18);
    }

    /** {@code title} on tools, prompts, resources (2025-06-18). */
    public boolean hasTitles() {
        return atLeast(V2025_06_18);
    }

    /** Tool annotations (2025-03-26). */
    public boolean hasToolAnnotations() {
        return atLeast(V2025_03_26);
    }

    /** Audio content (2025-03-26). */
    public boolean hasAudioContent() {
        return atLeast(V2025_03_26);
    }

    /** {@code resource_link} content (2025-06-18). */
    public boolean hasResourceLinks() {
        return atLeast(V2025_06_18);
    }

    /** {@code elicitation/create} (2025-06-18). */
    public boolean hasElicitation() {
        return atLeast(V2025_06_18);
    }

    /** The {@code MCP-Protocol-Version} header is required after initialization (2025-06-18). */
    public boolean requiresVersionHeader() {
        return atLeast(V2025_06_18);
    }

    /** The 2024-11-05 transport: a GET event stream plus POSTs to a separate endpoint. */
    public boolean usesLegacySse() {
        return this == V2024_11_05;
    }
}
