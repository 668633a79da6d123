package dev.bastion.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bastion's persistence unit, started by the application on first use instead of by the server
 * when the WAR deploys, and the one {@link EntityManager} every bean injects.
 *
 * <p>Why not a container-managed unit: the server's JPA deployer logs in to the database while it
 * deploys the WAR (Payara's {@code JPADeployer} calls {@code createEntityManager()}, WildFly's JPA
 * subsystem starts the unit), so a database that is away at that moment fails the deployment for
 * good, before any of Bastion's code runs. Started here, lazily, a failed login is just a failed
 * request: the unit is tried again on the next use, and the migrator's retries (which need no
 * JPA) bring it up as soon as the database answers. The same EclipseLink runs on every server
 * (Payara's own; on WildFly the module {@code server-config/wildfly/} installs), so the data
 * engine's query hints mean the same everywhere.
 *
 * <p>The injected {@code EntityManager} behaves like the container's transaction-scoped one:
 * inside a JTA transaction every call goes to one persistence context joined to that transaction
 * and closed when it completes; outside a transaction (reads only) each call goes to a context of
 * the calling thread that is cleared first, so no read sees rows older than the call. It is safe
 * to share between threads: it holds no state of its own, only the way to the current context.
 */
@ApplicationScoped
public class ApplicationPersistence {

    private static final Logger LOG = Logger.getLogger(ApplicationPersistence.class.getName());
    static final String UNIT = "bastion";
    static final String DESCRIPTOR = "META-INF/bastion-persistence.xml";

    static final String DATA_SOURCE = "java:app/jdbc/bastion";

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The JTA integration EclipseLink needs; empty: found from the server it runs in. */
    @Inject
    @ConfigProperty(name = "bastion.jpa.target-server")
    Optional<String> targetServer;

    private final Object transactionKey = new Object();
    private final ThreadLocal<EntityManager> outsideTransactions = new ThreadLocal<>();
    private final Set<EntityManager> threadContexts = ConcurrentHashMap.newKeySet();
    private final EntityManager shared = (EntityManager) Proxy.newProxyInstance(
            ApplicationPersistence.class.getClassLoader(), new Class<?>[] {EntityManager.class}, new Current());
    private volatile EntityManagerFactory factory;

    /** The entity manager of whatever transaction (or none) the caller is in. */
    @Produces
    EntityManager entityManager() {
        return shared;
    }

    /** The started unit; the first call (and every call until one succeeds) logs in to the database. */
    EntityManagerFactory factory() {
        EntityManagerFactory started = factory;
        return started != null ? started : start();
    }

    private synchronized EntityManagerFactory start() {
        if (factory != null) {
            return factory;
        }
        EntityManagerFactory created = provider().createEntityManagerFactory(UNIT, properties());
        if (created == null) {
            throw new IllegalStateException("No persistence unit '" + UNIT + "' in " + DESCRIPTOR);
        }
        try {
            // EclipseLink logs in on the first entity manager; a failed login must not leave a
            // half-started unit behind, so the next use starts a fresh one.
            created.createEntityManager().close();
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        factory = created;
        LOG.info(() -> "Persistence unit '" + UNIT + "' started");
        return created;
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        // Wrapped so that a request's running statement can be cancelled (RunningStatements).
        properties.put("jakarta.persistence.jtaDataSource", RunningStatements.tracking(dataSource));
        properties.put("eclipselink.persistencexml", DESCRIPTOR);
        properties.put("eclipselink.classloader", ApplicationPersistence.class.getClassLoader());
        properties.put("eclipselink.logging.logger", "JavaLogger");
        server().ifPresent(server -> properties.put("eclipselink.target-server", server));
        return properties;
    }

    /** Which JTA integration to use: the setting, else the server this runs in (by its system properties). */
    Optional<String> server() {
        Optional<String> configured = targetServer.map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured;
        }
        if (System.getProperty("jboss.home.dir") != null) {
            return Optional.of("WildFly");
        }
        if (System.getProperty("com.sun.aas.installRoot") != null) {
            return Optional.of("Glassfish");
        }
        return Optional.empty();
    }

    private static PersistenceProvider provider() {
        String name = "org.eclipse.persistence.jpa.PersistenceProvider";
        try {
            return (PersistenceProvider) Class.forName(name, true, ApplicationPersistence.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("EclipseLink (" + name + ") is not on the class path of the WAR;"
                    + " on WildFly install it with server-config/wildfly/", e);
        }
    }

    private EntityManager current() {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK) {
            EntityManager joined = (EntityManager) transactions.getResource(transactionKey);
            if (joined == null) {
                EntityManager created = factory().createEntityManager(SynchronizationType.SYNCHRONIZED);
                created.joinTransaction();
                transactions.putResource(transactionKey, created);
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int outcome) {
                        created.close();
                    }
                });
                joined = created;
            }
            return joined;
        }
        EntityManager own = outsideTransactions.get();
        if (own == null || !own.isOpen()) {
            own = factory().createEntityManager();
            outsideTransactions.set(own);
            threadContexts.add(own);
        } else {
            own.clear();
        }
        return own;
    }

    @PreDestroy
    void stop() {
        threadContexts.forEach(em -> {
            if (em.isOpen()) {
                em.close();
            }
        });
        EntityManagerFactory started = factory;
        if (started != null && started.isOpen()) {
            started.close();
        }
    }

    /** Sends each call to the current persistence context; the shared instance itself is never closed. */
    private final class Current implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> throw new IllegalStateException("The shared entity manager is closed by Bastion, not by its users");
                case "isOpen" -> {
                    return true;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "EntityManager of the current transaction (unit " + UNIT + ")";
                }
                default -> {
                    try {
                        return method.invoke(current(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }
}
