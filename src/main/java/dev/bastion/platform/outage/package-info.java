/**
 * What clients get while the database is away: {@code 503 Service Unavailable} with a JSON-RPC
 * error and {@code Retry-After}, never a 500, an empty body or a hang. One decision, at the edge:
 * {@link dev.bastion.platform.outage.DatabaseOutageFilter}, the first filter (before
 * authentication, the first thing on {@code /mcp} and {@code /admin} that reads the database),
 * answers 503 while the schema is not migrated yet or the database is known to be away, and for
 * a lost connection that escapes the request's own handling. Which failure
 * means "database away" is {@link dev.bastion.platform.DatabaseFailures}' call.
 *
 * <p>May import: Servlet, CDI, {@code access} (the MCP transport's refusal), {@code platform}, {@code json},
 * {@code mcp.protocol} (error codes).
 */
package dev.bastion.platform.outage;
