package dev.bastion.platform.cluster;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.Optional;

/**
 * Finds the server's data grid. Kept apart from {@link GridProvider} so that no class naming
 * JCache types is loaded on a single node (WildFly has no JCache API unless one is installed).
 */
final class DataGrids {

    private static volatile String lastFailure = "not tried";

    private DataGrids() {
    }

    static Optional<Grid> connect(String cacheManagerJndi, String nodeName, ManagedScheduledExecutorService scheduler) {
        lastFailure = "no data grid implementation in this build";
        return Optional.empty();
    }

    static String lastFailure() {
        return lastFailure;
    }
}
