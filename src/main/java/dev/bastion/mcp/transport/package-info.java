/**
 * HTTP for MCP, JAX-RS only: Streamable HTTP on {@code /mcp} (POST, GET, DELETE) for
 * 2025-03-26 to 2025-11-25, the legacy HTTP+SSE transport of 2024-11-05 (GET {@code /mcp}
 * plus POST {@code /mcp/message}), Origin and Host validation, the body limit, SSE framing
 * with event ids and keep-alive. Every request passes {@code McpRequestFilter} once: it
 * answers edge refusals, hands the endpoints the request's one caller and ends every request
 * in its {@code RequestCompleted} events. Answers are JSON unless the work sends something to
 * the client first, then an event stream. Each transport only sends what the engine gives it.
 * On a cluster a stream lives on one node while the client's next request may land on another:
 * a legacy client's answers are relayed over the grid to the node holding its stream, and a
 * {@code Last-Event-ID} for a stream another node logged is replayed from there.
 *
 * <p>Spec: {@code basic/transports.mdx} of 2025-11-25 ("Streamable HTTP", "Security
 * Warning", "Session Management", "Resumability and Redelivery", "Backwards Compatibility")
 * and of 2024-11-05 ("HTTP with SSE").
 *
 * <p>May import: {@code mcp.*}, {@code access} (the caller), {@code settings}, {@code platform.cluster}.
 */
package dev.bastion.mcp.transport;
