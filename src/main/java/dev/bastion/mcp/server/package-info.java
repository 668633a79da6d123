/**
 * The protocol engine: dispatches each JSON-RPC request to the feature that answers it
 * (lifecycle, tools, resources, prompts, completion, logging), assembles the capabilities,
 * pages lists with opaque cursors, validates tool arguments against their schemas and fans
 * feature changes out as notifications. The connection state both HTTP transports share lives
 * here too: initialize, batches, and which session a message belongs to
 * ({@link dev.bastion.mcp.server.SessionGate}), and the administrators' view of the live
 * sessions ({@link dev.bastion.mcp.server.SessionAdministration}, the
 * {@link dev.bastion.mcp.spi.LiveSessions} that tools and the admin console use to list and end
 * them); a tool is found by name once per call. The admin console's playground lists and calls
 * tools through {@link dev.bastion.mcp.server.InProcessClient}, the same path without HTTP. It
 * knows sessions and revisions, not HTTP (the statuses the transport spec prescribes for
 * session failures aside).
 *
 * <p>Spec (2025-11-25): {@code basic/lifecycle.mdx}, {@code server/tools.mdx},
 * {@code server/resources.mdx}, {@code server/prompts.mdx},
 * {@code server/utilities/pagination.mdx}, {@code server/utilities/completion.mdx},
 * {@code server/utilities/logging.mdx}, {@code basic/utilities/progress.mdx},
 * {@code basic/utilities/cancellation.mdx}, {@code basic/transports.mdx} "Session Management".
 *
 * <p>May import: {@code mcp.protocol}, {@code mcp.spi}, {@code mcp.session}, {@code settings},
 * {@code platform.cluster} (only to tell a grid that did not answer).
 */
package dev.bastion.mcp.server;
