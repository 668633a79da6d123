package dev.bastion.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridProviderTest {

    @Test
    void aSingleNodeWithNothingConfiguredNeverLooksForAGrid() {
        GridProvider provider = new GridProvider();
        provider.enabled = false;
        provider.configuredName = Optional.empty();
        provider.cacheManager = "payara/CacheManager";
        provider.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> null);
        provider.choose();
        Grid grid = provider.grid();
        assertInstanceOf(EmbeddedGrid.class, grid, "memory only: no JNDI, no JCache, no network");
        assertFalse(grid.clustered());
        assertTrue(provider.unavailable().isEmpty(), "ready");
        assertEquals("not tried", DataGrids.lastFailure(), "no data grid was looked for");
    }
}
