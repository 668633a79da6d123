package dev.bastion.oauth;

import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Revoking OAuth connections through the data engine: users their own (the record rule "own
 * connections"), administrators any. Their tokens are refused from the next request on.
 */
@ApplicationScoped
@ModelMethods("oauth.grant")
public class GrantRevocation {

    @Inject
    AuthorizationServer server;

    @Public(description = "Revokes OAuth connections: the client's access and refresh tokens are refused from now on; "
            + "it must ask the user to sign in and consent again. Cannot be undone.", destructive = true)
    public void action_revoke(List<OAuthGrant> grants) {
        grants.forEach(g -> server.revoke(g, "revoked by a user"));
    }
}
