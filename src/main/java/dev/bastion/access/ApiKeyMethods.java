package dev.bastion.access;

import dev.bastion.erp.base.User;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.OptionalArgument;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.bastion.json.Jsons;
import jakarta.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Issuing API keys through the data engine (and so through MCP), so ops can onboard users
 * without the admin pages: only callers with write access to users get here.
 */
@ApplicationScoped
@ModelMethods("res.users")
public class ApiKeyMethods {

    @Inject
    ApiKeys keys;

    @Public(description = "Issues a new API key for one user. Arguments: name (what the key is for), expires_at "
            + "(ISO 8601 datetime; leave it out for no expiry), scopes (space-separated, e.g. 'mcp:read' for a read-only "
            + "key; mcp:write adds the writing tools, mcp:admin the administration tools; leave it out for everything "
            + "the user may do). The result holds the key: it is shown only this once.")
    public JsonObject action_create_api_key(List<User> users, String name,
                                            @OptionalArgument LocalDateTime expires_at,
                                            @OptionalArgument String scopes) {
        if (users.size() != 1) {
            throw new InvalidRequest("action_create_api_key issues a key for exactly one user; got " + users.size());
        }
        User user = users.get(0);
        if (!user.isActive()) {
            throw new InvalidRequest("user " + user.getLogin() + " is archived");
        }
        ApiKeys.Issued issued = keys.issue(user, name, expires_at, scopes);
        return Jsons.createObjectBuilder().add("id", issued.id()).add("login", user.getLogin())
                .add("key", issued.key()).add("prefix", issued.prefix())
                .add("scopes", scopes == null || scopes.isBlank() ? "all" : Scopes.format(Scopes.parse(scopes)))
                .add("note", "Store this key now: it cannot be shown again. Send it as 'Authorization: Bearer <key>'.")
                .build();
    }
}
