package dev.bastion.access;

import dev.bastion.erp.base.User;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;

/**
 * Setting users' passwords through the data engine (and so through MCP), which lets them sign
 * in to the admin console: only callers with write access to users get here. The password is
 * stored as a PBKDF2 hash only; the audit redacts it from the call's parameters.
 */
@ApplicationScoped
@ModelMethods("res.users")
public class PasswordMethods {

    static final int MIN_LENGTH = 12;

    @Inject
    Pbkdf2PasswordHash passwords;

    @Public(description = "Sets the password users sign in to the admin console with (at least 12 characters). "
            + "Arguments: password.")
    public void action_set_password(List<User> users, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidRequest("a password has at least " + MIN_LENGTH + " characters");
        }
        users.forEach(u -> u.setPassword(passwords.generate(password.toCharArray())));
    }
}
