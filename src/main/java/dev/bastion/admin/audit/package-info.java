/**
 * The audit trail ({@code /admin/audit.xhtml}, administrators who may read {@code mcp.audit.log},
 * i.e. MCP administrators): a lazy table of the entries, a page at a time, searched through the data
 * engine with the administrator's own context — the same rights and the same refusals as the
 * {@code search} tool, and each read is an audit entry of its own ({@code console/read_audit}),
 * as a search over MCP would be. Filters (period, user, API key prefix, method, tool or other
 * target, model, outcome, IP, session) are exact matches, each served by an index that starts with
 * its column and continues with the time, so the first page and its count stay fast over millions
 * of entries. An entry's detail shows its parameters as stored (secrets already redacted by the
 * audit writer); the period is exported through the audit export ({@code /admin/audit/export}, CSV
 * or JSON Lines); {@code verify_chain} gives the verdict on the hash chains.
 *
 * <p>May import: {@code admin}, {@code orm}, Faces and PrimeFaces' lazy data model.
 */
package dev.bastion.admin.audit;
