package dev.bastion.access;

import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Revoking API keys through the data engine: the key is refused from the next request on. */
@ApplicationScoped
@ModelMethods("res.users.apikeys")
public class ApiKeyRevocation {

    @Inject
    ApiKeys keys;

    @Public(description = "Revokes API keys: every request with them is refused from now on. Cannot be undone.",
            destructive = true)
    public void action_revoke(List<ApiKey> apiKeys) {
        apiKeys.forEach(keys::revoke);
    }
}
