/**
 * "My account" ({@code /admin/account/}): what every signed-in user manages for themselves. The
 * API keys page lists, issues and revokes the user's own keys with their own rights: the list is
 * a search of {@code res.users.apikeys} and a revocation its {@code action_revoke}, both through
 * the data engine, where the record rule "own keys" keeps other users' keys out of reach. The
 * personal prompts page edits the user's own {@code mcp.prompt} records (owner: themselves; the
 * rules keep others' prompts out of reach), and Connections lists and ends the user's own live MCP
 * sessions through {@code mcp.spi.LiveSessions}, kept to the sessions of their login.
 *
 * <p>May import: {@code admin}, {@code access}, {@code orm}, {@code mcp.spi}, Faces.
 */
package dev.bastion.admin.account;
