package dev.bastion.oauth;

import java.util.List;

/**
 * A client as the authorization server checks it, wherever it was registered.
 *
 * @param clientId     what it sends as {@code client_id}
 * @param name         shown on the consent page
 * @param redirectUris where codes may be sent (exact match)
 * @param source       {@code admin}, {@code dynamic} or {@code metadata} (a Client ID Metadata Document)
 */
record RegisteredClient(String clientId, String name, List<String> redirectUris, String source) {

    RegisteredClient {
        redirectUris = List.copyOf(redirectUris);
    }
}
