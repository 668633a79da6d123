package dev.bastion.platform;

import jakarta.resource.spi.ResourceAllocationException;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Tells a lost or refused database connection apart from every other failure, whatever layer
 * wrapped it (JPA, JTA, the server's pool). Only such a failure means "the database is away,
 * try again later" (HTTP 503); anything else is a fault of the request or of Bastion.
 */
public final class DatabaseFailures {

    private static final int MAX_CAUSES = 32;

    private DatabaseFailures() {
    }

    /** Whether {@code failure} or one of its causes says the database cannot be reached now. */
    public static boolean lostConnection(Throwable failure) {
        int depth = 0;
        boolean underSql = false;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    // The pool could not hand out a connection (Jakarta Connectors, every server's pool).
                    || cause instanceof ResourceAllocationException
                    // A broken socket counts only below a JDBC failure, not when a client hung up.
                    || underSql && (cause instanceof SocketException || cause instanceof EOFException)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                if (unreachableState(sql.getSQLState())) {
                    return true;
                }
                underSql = true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), PostgreSQL's 57P01-57P03 (server shutting down,
     * crashed, starting up) and 3D000 (no such database), H2's 90067 (connection broken).
     */
    static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("3D000")
                || state.equals("90067"));
    }

    /**
     * The database's own words for why it cannot be reached: the message of the innermost JDBC
     * exception (the driver's), else of the innermost exception that has one, without the
     * layers wrapped around it.
     */
    public static String reason(Throwable failure) {
        String reason = null;
        String driver = null;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage();
                if (cause instanceof SQLException) {
                    driver = cause.getMessage();
                }
            }
        }
        reason = driver != null ? driver : reason;
        return Optional.ofNullable(reason).map(r -> r.lines().findFirst().orElse(r).strip())
                .orElse(failure.getClass().getSimpleName());
    }
}
