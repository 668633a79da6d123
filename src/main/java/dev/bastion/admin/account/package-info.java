/**
 * "My account" ({@code /admin/account/}): what every signed-in user manages for themselves. The
 * API keys page lists, issues and revokes the user's own keys with their own rights: the list is
 * a search of {@code res.users.apikeys} and a revocation its {@code action_revoke}, both through
 * the data engine, where the record rule "own keys" keeps other users' keys out of reach.
 *
 * <p>May import: {@code admin}, {@code access}, {@code orm}, Faces.
 */
package dev.bastion.admin.account;
