package dev.bastion.mcp.transport;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run requests whose answer may become a stream (and the legacy transport's
 * requests): one per request in flight, at most {@value #MAX_THREADS}, made by the container's
 * managed thread factory so they carry its naming, security and class-loader context. Not the
 * default managed executor: how many tasks that runs at once is server configuration, and no
 * request may wait for another request's worker. Built once: a {@code @Resource} of a
 * request-scoped endpoint is a naming lookup per request.
 */
@ApplicationScoped
public class Workers {

    private static final int IDLE_SECONDS = 60;
    /** Past this many, a request runs on its own HTTP thread (its notifications then arrive with its result). */
    private static final int MAX_THREADS = 512;

    @Resource
    ManagedThreadFactory threads;

    private volatile ExecutorService executor;

    ExecutorService executor() {
        ExecutorService pool = executor;
        if (pool == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = new ThreadPoolExecutor(0, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                            new SynchronousQueue<>(), threads, new ThreadPoolExecutor.CallerRunsPolicy());
                }
                pool = executor;
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
