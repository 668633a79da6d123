package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Password sign-in for the admin console: an active internal user (group Internal User, which
 * the Settings group implies) with a password that matches its PBKDF2 hash. Administrators (the
 * Settings group) see the whole console; everybody else only "My account" and Connect, which
 * {@link BastionAuthentication} enforces per page. Unknown users cost the same hashing work as
 * known ones.
 */
@ApplicationScoped
public class AdminSignIn {

    /** Administrators: the whole console. */
    public static final String ADMIN_GROUP = "base.group_system";
    /** Internal users: with a password, their own account in the console. */
    static final String INTERNAL_GROUP = "base.group_user";

    @Inject
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwords;

    private volatile String decoy;

    /** The groups of {@code login} when the password is right and the user may use the console. */
    public Optional<Set<String>> verify(String login, String password) {
        if (login == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        List<User> users = em.createQuery("select u from ResUser u where u.login = :login", User.class)
                .setParameter("login", login).getResultList();
        User user = users.isEmpty() ? null : users.get(0);
        String hash = user == null || user.getPassword() == null ? decoyHash() : user.getPassword();
        boolean matches = passwords.verify(password.toCharArray(), hash);
        if (!matches || !mayUseConsole(user)) {
            return Optional.empty();
        }
        return Optional.of(groups(user));
    }

    /**
     * The groups of {@code login} when it may still use the console (checked on every request of
     * a session, so archiving a user, removing their password or a group takes effect at once).
     */
    public Optional<Set<String>> stillAllowed(String login) {
        List<User> users = em.createQuery("select u from ResUser u where u.login = :login", User.class)
                .setParameter("login", login).getResultList();
        User user = users.isEmpty() ? null : users.get(0);
        return mayUseConsole(user) ? Optional.of(groups(user)) : Optional.empty();
    }

    private static boolean mayUseConsole(User user) {
        return user != null && user.isActive() && user.getPassword() != null
                && (user.inGroup(INTERNAL_GROUP) || user.inGroup(ADMIN_GROUP));
    }

    private static Set<String> groups(User user) {
        return user.effectiveGroups().stream().map(Group::getXmlId).collect(Collectors.toUnmodifiableSet());
    }

    /** A hash of nothing anyone knows, so a wrong login takes as long as a wrong password. */
    private String decoyHash() {
        if (decoy == null) {
            decoy = passwords.generate(UUID.randomUUID().toString().toCharArray());
        }
        return decoy;
    }
}
