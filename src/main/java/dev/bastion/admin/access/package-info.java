/**
 * Access ({@code /admin/access/}), for administrators: users (create, activate or archive, groups,
 * companies, password, a key issued for them), the API keys of every user (revoke), groups, model
 * access rights ({@code ir.model.access}), record rules ({@code ir.rule}, the domain checked
 * against the model before it is saved), MCP overrides per model ({@code mcp.model.override}), the
 * OAuth clients ({@code oauth.client}: register, edit, archive, delete) and every user's OAuth
 * connections ({@code oauth.grant}: revoke). Tables page through the engine
 * ({@code admin.RecordPages}). Every read and change goes through the data engine with the administrator's own context, the
 * same calls an MCP client makes ({@code create}, {@code write}, {@code unlink},
 * {@code action_set_password}, {@code action_create_api_key}, {@code action_revoke}), so the same
 * validation and rights apply; each change leaves a console entry in the audit trail. Committed
 * changes clear the access caches before the call answers, so they count on the very next MCP
 * request.
 *
 * <p>May import: {@code admin}, {@code access}, {@code orm}, Faces.
 */
package dev.bastion.admin.access;
