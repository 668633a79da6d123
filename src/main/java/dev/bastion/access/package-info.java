/**
 * Who may do what. Authentication: {@link dev.bastion.access.BastionAuthentication}, the
 * authentication filter ({@code Authorization: Bearer <API key>} on {@code /mcp}, sign-in on
 * {@code /admin}; API keys
 * stored as prefix + SHA-256 by {@link dev.bastion.access.ApiKeys}); the first-start
 * administrator. Authorization: {@link dev.bastion.access.GroupAccessPolicy} implements the data
 * engine's {@code AccessPolicy} with Odoo's semantics — model access rights per group
 * ({@code ir.model.access}), record rules ({@code ir.rule}: global rules intersect, group rules
 * unite; multi-company and own-documents rules are seeded) and MCP per-model overrides that only
 * narrow. Abuse protection at the edge lives in {@code access.edge}.
 *
 * <p>May import: JPA, Servlet, Jakarta Security (password hashes), JTA, {@code orm}, {@code erp.base}
 * (users, groups, companies), {@code settings}, {@code platform} (startup event, the database's availability).
 */
package dev.bastion.access;
