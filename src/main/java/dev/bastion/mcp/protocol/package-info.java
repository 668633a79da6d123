/**
 * The wire: JSON-RPC 2.0 messages as MCP uses them, every method name MCP defines, the error
 * codes, and the protocol revisions with the rules that differ between them.
 *
 * <p>Spec: {@code basic/index.mdx} "Messages" (requests, notifications, responses, errors) and
 * {@code basic/lifecycle.mdx} "Version Negotiation" of every revision in {@code shared/mcp-spec}.
 *
 * <p>May import: JSON-P only.
 */
package dev.bastion.mcp.protocol;
