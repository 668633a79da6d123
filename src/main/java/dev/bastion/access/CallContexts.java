package dev.bastion.access;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.User;
import dev.bastion.orm.AccessDenied;
import dev.bastion.orm.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns an authenticated login into the data engine's {@link CallContext}: the user's id,
 * default company, every company the user may see (a call narrows them with
 * {@code allowed_company_ids}), time zone and language. Archived records are hidden by default.
 */
@ApplicationScoped
// Class-wide: a call from of() to find() is not intercepted, and outside a transaction the
// container's EntityManager may already be closed when a query ends.
@Transactional
public class CallContexts {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    /**
     * The context of the active user {@code login}.
     *
     * @throws AccessDenied when no active user has that login
     */
    public CallContext of(String login) {
        return find(login).orElseThrow(() -> new AccessDenied("user '" + login + "' does not exist or is archived"));
    }

    /** The context of the active user {@code login}, or empty when there is none. */
    public Optional<CallContext> find(String login) {
        List<User> users = em.createQuery("select u from ResUser u where u.login = :login", User.class)
                .setParameter("login", login).getResultList();
        if (users.isEmpty() || !users.get(0).isActive()) {
            return Optional.empty();
        }
        User user = users.get(0);
        List<Long> companies = user.getCompanies().stream().map(Company::getId).sorted().toList();
        long current = user.getCompany().getId();
        if (!companies.contains(current)) {
            companies = Stream.concat(companies.stream(), Stream.of(current)).toList();
        }
        return Optional.of(new CallContext(user.getId(), user.getLogin(), current, companies, zoneOf(user.getTz()),
                user.getLang(), true));
    }

    private static ZoneId zoneOf(String tz) {
        try {
            return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
