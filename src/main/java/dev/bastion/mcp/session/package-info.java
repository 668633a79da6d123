/**
 * Sessions of the stateful revisions (2024-11-05 to 2025-11-25): created by
 * {@code initialize}, named by {@code Mcp-Session-Id}, bound to the caller who created them,
 * expired after the idle TTL of the settings (read live: a change applies at once), ended by
 * {@code DELETE} or by an administrator. Each session counts its requests and open GET streams
 * for the administrators' list. The store is an
 * interface so that a clustered store can replace the in-memory one.
 *
 * <p>Spec: {@code basic/transports.mdx} "Session Management" (2025-11-25) and
 * {@code basic/lifecycle.mdx}.
 *
 * <p>May import: {@code mcp.protocol}, {@code mcp.spi} (a request's {@code Cancellation}), {@code settings}, JSON-P.
 */
package dev.bastion.mcp.session;
