package dev.bastion.testing;

import java.nio.file.Path;
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
}
