package dev.bastion.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lets another thread stop the SQL a request is running: when its client cancels or goes away,
 * the statement stops at once instead of running until the query timeout.
 *
 * <p>JPA has no way to cancel a running query, so this works one level down, with JDBC's
 * {@link Statement#cancel()} (which both drivers honour per statement: it stops only that
 * statement while it executes, never whatever its connection runs later). The persistence unit's
 * data source is wrapped so that every statement a thread creates inside an open {@link Scope}
 * is remembered by that scope; {@link Scope#cancel()} cancels them, from any thread.
 */
public final class RunningStatements {

    private static final Logger LOG = Logger.getLogger(RunningStatements.class.getName());
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private RunningStatements() {
    }

    /**
     * Opens a scope on the calling thread: the statements it creates until the scope closes can be
     * cancelled through it. Scopes nest; closing one restores the one around it.
     */
    public static Scope open() {
        Scope scope = new Scope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The statements of one piece of work (a tool call), cancellable from any thread. */
    public static final class Scope implements AutoCloseable {

        private final Scope outer;
        private final Queue<Statement> statements = new ConcurrentLinkedQueue<>();
        private volatile boolean cancelled;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        /** Stops the statements created in this scope, and any it creates from now on. */
        public void cancel() {
            cancelled = true;
            statements.forEach(RunningStatements::cancelQuietly);
        }

        /** Whether {@link #cancel()} was called: a failure of the work is then the cancellation's. */
        public boolean cancelled() {
            return cancelled;
        }

        void created(Statement statement) {
            statements.add(statement);
            if (cancelled) {
                cancelQuietly(statement);
            }
        }

        @Override
        public void close() {
            statements.clear();
            CURRENT.set(outer);
        }
    }

    private static void cancelQuietly(Statement statement) {
        try {
            if (!statement.isClosed()) {
                statement.cancel();
            }
        } catch (SQLException | RuntimeException e) {
            // A statement that finished or closed meanwhile has nothing left to stop.
            LOG.log(Level.FINE, "Statement not cancelled", e);
        }
    }

    /** {@code dataSource} with its connections' statements registered in the creating thread's scope. */
    static DataSource tracking(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (method, result) ->
                result instanceof Connection connection ? proxy(Connection.class, connection, RunningStatements::register)
                        : result);
    }

    private static Object register(Method method, Object result) {
        Scope scope = CURRENT.get();
        if (scope != null && result instanceof Statement statement) {
            scope.created(statement);
        }
        return result;
    }

    private interface ResultHook {
        Object apply(Method method, Object result);
    }

    /** A proxy of {@code target} passing every result through {@code hook}; {@code unwrap} still reaches the driver. */
    private static <T> T proxy(Class<T> type, T target, ResultHook hook) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
                return proxy;
            }
            try {
                return hook.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RunningStatements.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
