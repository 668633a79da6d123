/**
 * What clients get while the database is away: {@code 503 Service Unavailable} with a JSON-RPC
 * error and {@code Retry-After}, never a 500, an empty body or a hang. One decision, at the edge:
 * {@link dev.bastion.platform.outage.DatabaseOutageGuard} wraps the authentication mechanism
 * (the first thing on {@code /mcp} and {@code /admin} that reads the database, before any
 * servlet filter runs) and answers 503 while the schema is not migrated yet or when
 * authentication lost its connection; {@link dev.bastion.platform.outage.DatabaseOutageFilter}
 * does the same for a lost connection that escapes the request's own handling. Which failure
 * means "database away" is {@link dev.bastion.platform.DatabaseFailures}' call.
 *
 * <p>May import: Servlet, Jakarta Security, CDI, {@code platform}, {@code json},
 * {@code mcp.protocol} (error codes).
 */
package dev.bastion.platform.outage;
