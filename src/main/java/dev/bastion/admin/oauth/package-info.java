/**
 * The consent page of the embedded OAuth authorization server ({@code /admin/oauth/consent.xhtml}):
 * which application asks, for which scopes, on behalf of the signed-in user; allowing it sends the
 * browser back to the application with a code (MCP authorization, "Authorization Flow Steps").
 * Every signed-in console user may open it; the decision is the authorization server's
 * ({@code dev.bastion.oauth}).
 */
package dev.bastion.admin.oauth;
