package dev.bastion.mcp.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a request was cancelled (by {@code notifications/cancelled}, by its client going
 * away, or by its session ending), and what must stop when it is: work that cannot poll the
 * flag, such as a database statement the request is running, registers an action that stops it.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** A handle on a registered action; closing it forgets the action (it never throws). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Cancels the request: the flag is set and every registered action runs, once, on this thread. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            actions.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code action} when the request is cancelled, at once if it already is. The action
     * must be quick and must not throw: it runs on whichever thread cancels.
     */
    public Registration onCancel(Runnable action) {
        AtomicBoolean ran = new AtomicBoolean();
        // Once only, also when the request is cancelled while the action is being registered.
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                action.run();
            }
        };
        actions.add(once);
        if (cancelled.get()) {
            once.run();
        }
        return () -> actions.remove(once);
    }
}
