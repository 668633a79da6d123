/**
 * The playground ({@code /admin/playground}): the signed-in administrator picks one of the tools
 * their own MCP client would list, fills a form generated from its input schema (strings,
 * numbers, integers, booleans and enums as fields, anything else as raw JSON) and runs it through
 * {@link dev.bastion.mcp.server.InProcessClient}, the same {@code tools/call} path, rights and
 * argument validation as an MCP client's; the page shows the JSON-RPC answer exactly as a client
 * receives it. Each run is audited like an MCP call: a {@link dev.bastion.mcp.spi.RequestCompleted}
 * of method {@code tools/call} from the client {@code Bastion admin console}, so the audit trail
 * redacts its secrets and notes the records it touched as for any client.
 *
 * <p>Spec: 2025-11-25 {@code server/tools.mdx} ("Calling Tools", "Tool Result", "Error Handling").
 *
 * <p>May import: {@code admin}, {@code access}, {@code mcp.server}, {@code mcp.spi}, {@code mcp.protocol}, Faces.
 */
package dev.bastion.admin.playground;
