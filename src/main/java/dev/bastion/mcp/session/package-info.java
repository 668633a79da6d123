/**
 * Sessions of the stateful revisions (2024-11-05 to 2025-11-25): created by
 * {@code initialize}, named by {@code Mcp-Session-Id}, bound to the caller who created them,
 * expired after the idle TTL of the settings (read live: a change applies at once), ended by
 * {@code DELETE} or by an administrator. Each session counts its requests and open GET streams
 * for the administrators' list.
 *
 * <p>A session is two things: its {@link dev.bastion.mcp.session.SessionState}, plain data in the
 * grid's {@code sessions} map that every node reads (so a request may land on any node of a
 * cluster), and on each node that serves it an {@link dev.bastion.mcp.session.McpSession} with
 * what cannot leave that node: GET streams, futures of server-to-client requests, cancellation
 * flags, the event log of its POST streams. What arrives on one node for another node's runtime
 * travels as a {@link dev.bastion.mcp.session.SessionSignal} on the grid's topic; the end of a
 * session is the removal of its state, which every node hears. On a single node the grid is the
 * embedded one: the same code, nothing on the network.
 *
 * <p>Spec: {@code basic/transports.mdx} "Session Management" (2025-11-25) and
 * {@code basic/lifecycle.mdx}.
 *
 * <p>May import: {@code mcp.protocol}, {@code mcp.spi} (a request's {@code Cancellation}), {@code settings},
 * {@code platform.cluster}, JSON-P.
 */
package dev.bastion.mcp.session;
