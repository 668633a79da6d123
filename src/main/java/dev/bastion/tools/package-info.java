/**
 * The built-in MCP tools over the data engine ({@code search}, {@code read}, {@code create},
 * {@code write}, {@code unlink}, {@code count}, {@code aggregate}, {@code default_get},
 * {@code method_call}, {@code list_modules}, {@code list_companies}), the administrators' tools
 * ({@code list_sessions}, {@code end_session} over {@link dev.bastion.mcp.spi.LiveSessions};
 * {@code get_settings}, {@code set_setting} over the live settings), and their definitions as
 * {@code mcp.tool} records: admins reword, reorder, disable or restrict tools live and every
 * open client receives {@code notifications/tools/list_changed}; a record's schemas must be
 * valid JSON Schemas 2020-12 ({@link dev.bastion.tools.JsonSchemas}). Destructive calls ask the
 * user through elicitation when the client can.
 *
 * <p>Spec: 2025-11-25 {@code server/tools.mdx} (listing, calling, structured content and
 * output schemas, tool errors as {@code isError} results, list_changed; JSON Schema 2020-12 as the
 * default dialect of both schemas), {@code client/elicitation.mdx};
 * 2026-07-28 {@code basic/patterns/mrtr.mdx} (input_required).
 *
 * <p>May import: {@code mcp.spi}, {@code orm}, {@code access}, {@code erp.base}, {@code settings}, {@code platform}.
 */
package dev.bastion.tools;
