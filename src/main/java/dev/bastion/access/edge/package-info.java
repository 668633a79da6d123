/**
 * Abuse protection at the edge, applied by the authentication mechanism before any key is
 * looked up: the client's address (X-Forwarded-For only from trusted proxies), the IP allow- or
 * deny-list, per-IP lockout after repeated failed authentications, the per-user rate limit,
 * CORS for browser clients, and the public address clients reach the server at (the console's
 * Connect page), and the security headers of console responses ({@code ConsoleHeaders}: the
 * Content-Security-Policy of pages without PrimeFaces, no framing). Every limit is a live setting.
 *
 * Failures, locks and request counts live in the {@code platform.cluster} grid, so in a cluster
 * they are the installation's, not a node's.
 *
 * <p>May import: Servlet, JSON-P, {@code settings}, {@code platform.cluster}, the {@code ipaddress} library.
 */
package dev.bastion.access.edge;
