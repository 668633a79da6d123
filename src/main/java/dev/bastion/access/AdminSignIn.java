package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Password sign-in for the admin pages: an active user of the Settings group whose password
 * matches its PBKDF2 hash. Unknown users cost the same hashing work as known ones.
 */
@ApplicationScoped
public class AdminSignIn {

    static final String ADMIN_GROUP = "base.group_system";

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwords;

    private volatile String decoy;

    /** The groups of {@code login} when the password is right and the user may administer. */
    public Optional<Set<String>> verify(String login, String password) {
        if (login == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        List<User> users = em.createQuery("select u from ResUser u where u.login = :login", User.class)
                .setParameter("login", login).getResultList();
        User user = users.isEmpty() ? null : users.get(0);
        String hash = user == null || user.getPassword() == null ? decoyHash() : user.getPassword();
        boolean matches = passwords.verify(password.toCharArray(), hash);
        if (!matches || user == null || !user.isActive() || !user.inGroup(ADMIN_GROUP)) {
            return Optional.empty();
        }
        return Optional.of(user.effectiveGroups().stream().map(Group::getXmlId).collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code login} may still use the admin pages (checked on every request of a session). */
    public Optional<Set<String>> stillAdmin(String login) {
        List<User> users = em.createQuery("select u from ResUser u where u.login = :login", User.class)
                .setParameter("login", login).getResultList();
        if (users.isEmpty() || !users.get(0).isActive() || !users.get(0).inGroup(ADMIN_GROUP)) {
            return Optional.empty();
        }
        return Optional.of(users.get(0).effectiveGroups().stream().map(Group::getXmlId)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** A hash of nothing anyone knows, so a wrong login takes as long as a wrong password. */
    private String decoyHash() {
        if (decoy == null) {
            decoy = passwords.generate(UUID.randomUUID().toString().toCharArray());
        }
        return decoy;
    }
}
