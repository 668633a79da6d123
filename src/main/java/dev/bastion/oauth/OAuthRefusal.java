package dev.bastion.oauth;

/**
 * An OAuth error (RFC 6749 section 5.2, RFC 7591 section 3.2.2): the {@code error} code a
 * client acts on and a description a person reads. Thrown by the authorization server's
 * services, answered by its endpoints as JSON (or, at the authorization endpoint, as a redirect
 * or a page).
 */
class OAuthRefusal extends RuntimeException {

    private final String error;

    OAuthRefusal(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }
}
