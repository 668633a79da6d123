package dev.bastion.oauth;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.User;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@code res.users} record an external provider's token names: by login (or, for the
 * {@code email} claim, by email too), active users only; created on first use when the settings
 * allow it, in the first company and the configured groups, without a password (they sign in at
 * their provider).
 */
@ApplicationScoped
@Transactional
public class ExternalUsers {

    private static final Logger LOG = Logger.getLogger(ExternalUsers.class.getName());

    @Inject
    EntityManager em;

    /** The user, when one exists (or was created now) and is active. */
    Optional<User> find(String claim, String value, boolean create, List<String> groups, String name) {
        List<User> users = em.createQuery("select u from ResUser u where u.login = :v"
                        + ("email".equals(claim) ? " or u.email = :v" : "") + " order by u.id", User.class)
                .setParameter("v", value).getResultList();
        if (!users.isEmpty()) {
            return users.get(0).isActive() ? Optional.of(users.get(0)) : Optional.empty();
        }
        if (!create) {
            return Optional.empty();
        }
        Company company = em.createQuery("select c from Company c order by c.id", Company.class).setMaxResults(1)
                .getSingleResult();
        User user = new User(value, name == null || name.isBlank() ? value : name, company);
        user.getCompanies().add(company);
        if ("email".equals(claim)) {
            user.setEmail(value);
        }
        em.createQuery("select g from ResGroup g where g.xmlId in :ids", Group.class).setParameter("ids", groups)
                .getResultList().forEach(user.getGroups()::add);
        em.persist(user);
        LOG.info(() -> "User " + value + " created from an external provider's token, groups " + groups);
        return Optional.of(user);
    }
}
