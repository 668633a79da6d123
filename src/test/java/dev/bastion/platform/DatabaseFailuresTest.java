package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is away", as the layers of a Jakarta EE server wrap them. */
class DatabaseFailuresTest {

    /** How Payara's pool reports a database it cannot open a connection to, under JPA. */
    private static RuntimeException poolCannotConnect(String driverMessage, String state) {
        ResourceAllocationException pool = new ResourceAllocationException("Connection could not be allocated because: "
                + driverMessage);
        pool.initCause(new SQLException(driverMessage, state));
        return new PersistenceException("Exception [EclipseLink-4002]",
                new SQLException("Error in allocating a connection. Cause: " + driverMessage, pool));
    }

    @Test
    void aPoolThatCannotConnectIsAnOutage() {
        RuntimeException failure = poolCannotConnect("FATAL: database \"no_such_db\" does not exist", "3D000");
        assertTrue(DatabaseFailures.lostConnection(failure));
        assertEquals("FATAL: database \"no_such_db\" does not exist", DatabaseFailures.reason(failure));
    }

    @Test
    void brokenConnectionsAreOutages() {
        assertTrue(DatabaseFailures.lostConnection(new PersistenceException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))));
        assertTrue(DatabaseFailures.lostConnection(new SQLException("This connection has been closed.", "08003")));
        assertTrue(DatabaseFailures.lostConnection(new SQLException(
                "terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseFailures.lostConnection(new RuntimeException(
                new SQLException("I/O error", null, new SocketException("Connection reset")))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseFailures.lostConnection(new PersistenceException(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertFalse(DatabaseFailures.lostConnection(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseFailures.lostConnection(new IllegalArgumentException("bad domain")));
        // A client that hung up is not the database going away.
        assertFalse(DatabaseFailures.lostConnection(new IOException("Connection is closed",
                new SocketException("Broken pipe"))));
    }

    @Test
    void theUrlIsLoggedWithoutItsParameters() {
        assertEquals("jdbc:postgresql://db:5432/bastion",
                DatabaseMigrator.withoutParameters("jdbc:postgresql://db:5432/bastion?password=secret&ssl=true"));
        assertEquals("jdbc:h2:./data/bastion", DatabaseMigrator.withoutParameters("jdbc:h2:./data/bastion;AUTO_SERVER=TRUE"));
    }
}
