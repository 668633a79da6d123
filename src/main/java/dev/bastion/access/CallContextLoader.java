package dev.bastion.access;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.User;
import dev.bastion.orm.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a user's {@link CallContext} from the database, for {@link CallContexts}. */
@ApplicationScoped
// In a transaction: outside one the container's EntityManager may already be closed when the
// user's companies are read.
@Transactional
public class CallContextLoader {

    @Inject
    EntityManager em;

    public Optional<CallContext> byLogin(String login) {
        return em.createQuery("select u.id from ResUser u where u.login = :login", Long.class)
                .setParameter("login", login).getResultStream().findFirst().flatMap(this::load);
    }

    public Optional<CallContext> load(long uid) {
        User user = em.find(User.class, uid);
        if (user == null || !user.isActive()) {
            return Optional.empty();
        }
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
