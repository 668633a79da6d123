package dev.bastion.platform.cluster;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the server's data grid: the JCache {@code CacheManager} bound in JNDI. Kept apart from
 * {@link GridProvider} so that no class naming JCache types is loaded on a single node (WildFly
 * has no JCache API unless one is installed). Never {@code Caching.getCachingProvider()}: where
 * the server has no grid running, that would start a grid of its own with default (multicast)
 * discovery, which is exactly the traffic a single node must not make.
 */
final class DataGrids {

    private static final Logger LOG = Logger.getLogger(DataGrids.class.getName());
    private static volatile String lastFailure = "not tried";

    private DataGrids() {
    }

    /** The grid, with its rosters kept fresh on {@code scheduler}; empty (see {@link #lastFailure}) when none works. */
    static Optional<Grid> connect(String cacheManagerJndi, String nodeName, ManagedExecutorService executor,
                                  ManagedScheduledExecutorService scheduler) {
        Object bound;
        try {
            bound = new InitialContext().lookup(cacheManagerJndi);
        } catch (NamingException | RuntimeException e) {
            lastFailure = "nothing bound there: " + e.getMessage();
            return Optional.empty();
        } catch (NoClassDefFoundError e) {
            lastFailure = "this server has no JCache API";
            return Optional.empty();
        }
        try {
            if (!(bound instanceof CacheManager manager)) {
                lastFailure = "what is bound there is a " + bound.getClass().getName() + ", not a JCache CacheManager";
                return Optional.empty();
            }
            JCacheGrid grid = new JCacheGrid(manager, nodeName, executor);
            grid.check();
            long every = JCacheGrid.ROSTER_REFRESH.toMillis();
            var refresh = scheduler.scheduleWithFixedDelay(grid::refreshRosters, every, every, TimeUnit.MILLISECONDS);
            grid.whenClosed(() -> refresh.cancel(false));
            return Optional.of(grid);
        } catch (NoClassDefFoundError e) {
            lastFailure = "this server has no JCache API";
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid does not work", e);
            lastFailure = "the grid bound there does not work: " + e;
        }
        return Optional.empty();
    }

    static String lastFailure() {
        return lastFailure;
    }
}
