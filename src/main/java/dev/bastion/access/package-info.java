/**
 * Who may do what: users' API keys, authentication (Bearer on {@code /mcp}, form login on
 * {@code /admin}), model access rights, record rules, multi-company, MCP per-model overrides,
 * brute-force lockout, rate limiting, IP filtering and CORS. Implements the data engine's
 * access policy.
 *
 * <p>May import: JPA, Jakarta Security, {@code orm}, {@code erp.base} (users, groups,
 * companies), {@code settings}.
 */
package dev.bastion.access;
