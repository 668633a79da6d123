package dev.bastion.mcp.server;

import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Feature providers in a fixed order (by class name): CDI promises no order, and clients
 * cache lists, so the same server must list the same things in the same order every time.
 */
final class Providers {

    private Providers() {
    }

    static <T> List<T> ordered(Instance<T> providers) {
        return StreamSupport.stream(providers.spliterator(), false)
                .sorted(Comparator.comparing(p -> p.getClass().getName())).toList();
    }
}
