package dev.bastion.access;

import java.util.Optional;
import java.util.Set;

/**
 * Verifies OAuth access tokens for {@link BastionAuthentication}: implemented in
 * {@code dev.bastion.oauth} (the embedded authorization server's tokens, an external provider's
 * JWTs), which imports {@code access}, not the other way round. Each recognises its own form; a
 * credential none recognises is taken for an API key.
 */
public interface BearerTokens {

    /** Whether {@code token} has the form of this verifier's tokens (then API keys are not asked). */
    boolean recognises(String token);

    /**
     * Who {@code token} authenticates, when it was issued for one of {@code audiences} (the
     * canonical URIs this server answers to, RFC 8707), is unexpired, unrevoked, and its user
     * active; empty otherwise.
     */
    Optional<Authenticated> authenticate(String token, Set<String> audiences);
}
