package dev.bastion.orm;

import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where the engine's failures become what a caller may read. Around every
 * {@link EngineBoundary} service, outside its transaction (so failures at commit are seen
 * too): the engine's own {@link OrmException}s pass, also when JPA wrapped them; a business
 * rule a model's code raised, a query timeout, an integrity violation and a concurrent update
 * become their readable refusals;
 * anything else is logged with a fresh reference and becomes an {@link InternalFailure}
 * that gives only that reference. No exception class, stack frame, SQL or rule domain
 * reaches a caller through the engine.
 */
@EngineBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class EngineErrors {

    private static final Logger LOG = Logger.getLogger(EngineErrors.class.getName());

    @Inject
    SettingsService settings;

    @Inject
    ModelRegistry registry;

    @AroundInvoke
    public Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (OrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw readable(e, invocation.getMethod().getName());
        }
    }

    private OrmException readable(RuntimeException e, String operation) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OrmException known) {
                return known;
            }
        }
        String rule = businessRule(e);
        if (rule != null) {
            return new InvalidRequest(rule);
        }
        if (timedOut(e)) {
            return new QueryTimedOut("The query ran longer than the setting " + SettingKey.QUERY_TIMEOUT.key() + " ("
                    + settings.entry(SettingKey.QUERY_TIMEOUT).text() + ") allows and was stopped; nothing was changed. "
                    + "Narrow the domain, or ask an administrator to raise the setting.");
        }
        if (sqlState(e, "23")) {
            return new InvalidRequest("Refused by the database: the change would break an integrity rule "
                    + "(a value that must be unique is taken, or a related record is missing or still referenced). "
                    + "Nothing was saved.");
        }
        if (causedBy(e, jakarta.persistence.OptimisticLockException.class)) {
            return new ConcurrentUpdate("A record was changed by someone else meanwhile; nothing was written: "
                    + "read it again and retry");
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Data engine failure " + reference + " in " + operation, e);
        return new InternalFailure("The data engine failed on " + operation + " (reference " + reference
                + ", kept in the server log); nothing was saved.", reference);
    }

    /**
     * The message of a business rule a model's own code refused the change with (entity
     * callbacks raise {@code IllegalArgumentException} or {@code IllegalStateException} with
     * a message for the user: "discount must be between 0 and 100"), or null. It counts as
     * the model's when a model entity's frame comes before any of the engine's own.
     */
    private String businessRule(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof IllegalArgumentException || t instanceof IllegalStateException) && t.getMessage() != null
                    && raisedByModel(t)) {
                return t.getMessage();
            }
        }
        return null;
    }

    private boolean raisedByModel(Throwable t) {
        java.util.Set<String> entities = new java.util.HashSet<>();
        registry.all().values().forEach(m -> entities.add(m.entity().getName()));
        for (StackTraceElement frame : t.getStackTrace()) {
            if (entities.contains(frame.getClassName())) {
                return true;
            }
            if (frame.getClassName().startsWith(EngineErrors.class.getPackageName() + ".")) {
                return false;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        return causedBy(e, jakarta.persistence.QueryTimeoutException.class) || causedBy(e, SQLTimeoutException.class)
                // query_canceled: what PostgreSQL and H2 report when the statement timeout stops a query
                || sqlState(e, "57014");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sqlState(Throwable e, String prefix) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
