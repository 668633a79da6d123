/**
 * Sessions ({@code /admin/sessions.xhtml}, administrators only): the live sessions of the stateful
 * MCP revisions (2024-11-05 to 2025-11-25; spec "Transports", section "Session Management") with
 * who opened them, the client, the revision, their age, last activity, expiry, open streams, the
 * node holding the server-to-client stream and requests, of every node of a cluster — read through {@link dev.bastion.mcp.spi.LiveSessions}, the interface the MCP tools
 * {@code list_sessions} and {@code end_session} use. Ending one (after a confirmation) cancels what
 * runs in it and closes its streams; the client's next request with that {@code Mcp-Session-Id}
 * gets 404, which the spec tells it to answer with a new initialize. Every end is an audit entry
 * ({@code console/end_session}).
 *
 * <p>May import: {@code admin}, {@code mcp.spi}, Faces.
 */
package dev.bastion.admin.sessions;
