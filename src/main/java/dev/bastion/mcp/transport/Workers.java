package dev.bastion.mcp.transport;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;

/**
 * The container's managed executor, looked up once: a {@code @Resource} field of a
 * request-scoped endpoint is a naming lookup on every request (measured at a seventh of a
 * {@code tools/call}'s time).
 */
@ApplicationScoped
public class Workers {

    @Resource
    ManagedExecutorService executor;

    ExecutorService executor() {
        return executor;
    }
}
