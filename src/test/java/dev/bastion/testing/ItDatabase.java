package dev.bastion.testing;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The database the integration tests run against, from failsafe's system properties: an H2
 * file under {@code target/} by default, PostgreSQL with {@code -Ppostgresql}.
 */
public final class ItDatabase {

    private ItDatabase() {
    }

    public static String url() {
        return System.getProperty("it.datasource.url", "");
    }

    public static boolean isH2() {
        return url().isEmpty() || url().startsWith("jdbc:h2:");
    }

    /**
     * The environment that points a server at a fresh database of its own: on H2 only
     * {@code BASTION_DATA_DIR} (so the default URL is what is tested), on PostgreSQL the
     * {@code BASTION_DATASOURCE_*} variables.
     */
    public static Map<String, String> environment(Path freshDataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("BASTION_DATA_DIR", freshDataDir.toAbsolutePath().toString());
        if (!isH2()) {
            env.put("BASTION_DATASOURCE_URL", url());
            env.put("BASTION_DATASOURCE_CLASS", System.getProperty("it.datasource.class"));
            env.put("BASTION_DATASOURCE_USER", System.getProperty("it.datasource.user"));
            env.put("BASTION_DATASOURCE_PASSWORD", System.getProperty("it.datasource.password"));
        }
        return env;
    }

    /**
     * On PostgreSQL, the environment of a server that works in a schema of its own in the IT
     * database (created here; the role cannot create databases), reached through
     * {@code host:port} instead of the database's own address (a {@link TcpProxy}, or the
     * database itself). On H2 the same as {@link #environment(Path)}.
     */
    public static Map<String, String> environmentWithOwnSchema(Path freshDataDir, String schema, String host, int port)
            throws SQLException {
        Map<String, String> env = environment(freshDataDir);
        if (isH2()) {
            return env;
        }
        try (Connection c = DriverManager.getConnection(url(), System.getProperty("it.datasource.user"),
                System.getProperty("it.datasource.password")); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        }
        URI database = URI.create(url().substring("jdbc:".length()));
        env.put("BASTION_DATASOURCE_URL", "jdbc:postgresql://" + host + ":" + port + database.getPath()
                + "?currentSchema=" + schema + "&connectTimeout=5");
        return env;
    }

    /** Host and port of the IT database (PostgreSQL). */
    public static String host() {
        return URI.create(url().substring("jdbc:".length())).getHost();
    }

    public static int port() {
        int port = URI.create(url().substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }
}
