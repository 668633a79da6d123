package dev.bastion.platform.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the {@link Grid} every bean injects, once, at startup: the embedded one unless
 * {@code bastion.cluster.enabled} ({@code BASTION_CLUSTER_ENABLED}) is true, then the server's
 * data grid. A cluster asked for but not found is never quietly replaced: one SEVERE line says
 * why, readiness stays DOWN ({@link ClusterReadinessCheck}) so no load balancer sends this node
 * traffic, and the node keeps its own memory meanwhile so that it still answers its operator.
 */
@ApplicationScoped
public class GridProvider {

    private static final Logger LOG = Logger.getLogger(GridProvider.class.getName());

    @Inject
    @ConfigProperty(name = "bastion.cluster.enabled", defaultValue = "false")
    boolean enabled;

    /** Where the server binds its JCache {@code CacheManager} (Payara: {@code payara/CacheManager}). */
    @Inject
    @ConfigProperty(name = "bastion.cluster.cache-manager", defaultValue = "payara/CacheManager")
    String cacheManager;

    @Inject
    @ConfigProperty(name = "bastion.cluster.node-name")
    Optional<String> configuredName;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Where messages from other nodes are delivered: a thread with this application's context. */
    @Resource
    ManagedExecutorService executor;

    private Grid grid;
    private String unavailable;
    private ScheduledFuture<?> housekeeping;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object start) {
        // Chosen while the application starts, so the log says at once which grid this node uses.
    }

    @PostConstruct
    void choose() {
        String name = configuredName.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(GridProvider::defaultName);
        if (!enabled) {
            EmbeddedGrid embedded = new EmbeddedGrid(name);
            housekeeping = scheduler.scheduleWithFixedDelay(embedded::sweep, 1, 1, TimeUnit.SECONDS);
            grid = embedded;
            return;
        }
        Optional<Grid> found = DataGrids.connect(cacheManager, name, executor, scheduler);
        if (found.isPresent()) {
            grid = found.get();
            LOG.info(() -> "Cluster: node " + name + " shares its sessions, counters and cache invalidations through "
                    + grid);
            return;
        }
        unavailable = "bastion.cluster.enabled is true but no data grid was found at JNDI '" + cacheManager
                + "' (" + DataGrids.lastFailure() + "): this node stays not ready until it is started with one";
        LOG.severe(unavailable);
        EmbeddedGrid embedded = new EmbeddedGrid(name);
        housekeeping = scheduler.scheduleWithFixedDelay(embedded::sweep, 1, 1, TimeUnit.SECONDS);
        grid = embedded;
    }

    @PreDestroy
    void stop() {
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        if (grid instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warning(() -> "Leaving the data grid: " + e);
            }
        }
    }

    @Produces
    Grid grid() {
        return grid;
    }

    /** Why the cluster asked for is not there; empty when the grid in use is the one asked for. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
