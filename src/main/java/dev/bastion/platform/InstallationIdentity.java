package dev.bastion.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The identity of this installation's database: created on the first start, kept for ever.
 * It tells ops (and the restart test) that a restarted server found its earlier data rather
 * than a new empty database. It also holds the installation's signing secret, the same for
 * every node that shares the database.
 */
@ApplicationScoped
public class InstallationIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    private volatile String id;
    private volatile Instant createdAt;
    private volatile byte[] secret;

    void recordAtStartup(@Observes DatabaseReady ready) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!load(c)) {
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into bastion_installation (id, created_at) values (?, ?)")) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setTimestamp(2, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
                load(c);
            }
            if (secret == null) {
                try (PreparedStatement update = c.prepareStatement(
                        "update bastion_installation set secret = ? where id = ? and secret is null")) {
                    update.setString(1, HexFormat.of().formatHex(randomBytes(32)));
                    update.setString(2, id);
                    update.executeUpdate();
                }
                load(c);
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private boolean load(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select id, created_at, secret from bastion_installation order by created_at");
             ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                id = rs.getString(1);
                createdAt = rs.getTimestamp(2).toInstant();
                String hex = rs.getString(3);
                secret = hex == null ? null : HexFormat.of().parseHex(hex);
                return true;
            }
            return false;
        }
    }

    /** The installation id, empty before the database is ready. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /** The installation's signing secret (32 bytes), empty before the database is ready. */
    public Optional<byte[]> secret() {
        return Optional.ofNullable(secret).map(byte[]::clone);
    }
}
