/**
 * The embedded OAuth 2.1 authorization server, so that remote MCP clients (Claude.ai, ChatGPT,
 * IDEs) connect with a sign-in instead of a pasted key (MCP authorization, revisions 2025-11-25
 * and 2026-07-28): discovery (Protected Resource Metadata, RFC 9728; Authorization Server
 * Metadata, RFC 8414), client registration (pre-registered {@code oauth.client} rows, Dynamic
 * Client Registration RFC 7591, Client ID Metadata Documents), the authorization code flow with
 * PKCE S256 only and the RFC 9207 {@code iss} on the redirect, consent remembered per user and
 * client ({@code oauth.grant}), short-lived opaque access tokens and rotating refresh tokens
 * (reuse revokes the grant), revocation (RFC 7009). Codes and tokens are stored as SHA-256 only.
 * The resource side verifies the tokens ({@link dev.bastion.oauth.AccessTokens}, the
 * {@code access.BearerTokens} of the authentication mechanism), after which the caller is the
 * token's user as with an API key, narrowed to its scopes.
 *
 * <p>May import: JPA, JTA, Servlet, {@code access}, {@code orm} (model annotations, methods),
 * {@code erp.base} (users), {@code settings}, {@code audit}.
 */
package dev.bastion.oauth;
