package dev.bastion.testing;

import dev.bastion.access.ApiKeys;
import dev.bastion.erp.base.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo users of the demo data, as an in-container test reaches them: a fresh API key each
 * (the keys printed at first start are not known to the test) and ids of their rows. The demo
 * data must be loaded: by default on H2, with {@code -Dit.extra.jvm.options=-Dbastion.demo-data=true}
 * on a fresh PostgreSQL database.
 */
@ApplicationScoped
@Transactional
public class DemoUsers {

    public static final List<String> MCP_LOGINS = List.of("demo.manager", "demo.sales.eu", "demo.sales.us",
            "demo.accountant");

    @Inject
    EntityManager em;

    @Inject
    ApiKeys keys;

    private final Map<String, String> issued = new ConcurrentHashMap<>();

    /** An API key of {@code login}, issued once per server. */
    public String key(String login) {
        return issued.computeIfAbsent(login, l -> keys.issue(user(l), "edge tests", null).key());
    }

    /** A second, distinct key of {@code login}. */
    public String anotherKey(String login, String name) {
        return keys.issue(user(login), name, null).key();
    }

    public long id(String login) {
        return user(login).getId();
    }

    private User user(String login) {
        List<User> users = em.createQuery("select u from ResUser u where u.login = :l", User.class)
                .setParameter("l", login).getResultList();
        if (users.isEmpty()) {
            throw new IllegalStateException("No demo user " + login + ": load the demo data (bastion.demo-data=true "
                    + "on a fresh database)");
        }
        return users.get(0);
    }

    /** One number from SQL ({@code count}, {@code min(id)}...), for picking records and checking counts. */
    public long number(String sql) {
        Object value = em.createNativeQuery(sql).getSingleResult();
        return value == null ? -1 : ((Number) value).longValue();
    }
}
