package dev.bastion.audit;

import dev.bastion.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One audit entry before it is stored: every field already cut to its column's length and
 * the time to milliseconds, so what the database gives back hashes to the same value.
 * {@link #hash} is the chain link: SHA-256 of the previous entry's hash, a newline and the
 * fields as one JSON array in column order.
 *
 * <p>{@code oauthClient} (the OAuth client an access token was issued to) came later than the
 * other columns: an entry without one hashes as the entries written before it existed did, so
 * older chains still verify.
 */
record AuditRecord(LocalDateTime at, Long userId, String login, Long apiKeyId, String apiKeyPrefix,
                   String sessionId, String protocolVersion, String clientName, String clientVersion,
                   String method, String requestId, String target, String model, String recordIds, String params,
                   String outcome, Integer errorCode, int httpStatus, String ip, String userAgent,
                   long durationMs, long responseBytes, String oauthClient) {

    /** The hash a chain starts from. */
    static final String GENESIS = "0".repeat(64);

    /** The columns after {@code chain, seq}, in the order of {@link #fields()} and of the INSERT. */
    static final List<String> COLUMNS = List.of("create_date", "uid", "login", "api_key_id", "api_key_prefix",
            "session_id", "protocol_version", "client_name", "client_version", "method", "request_id", "target",
            "model", "record_ids", "params", "outcome", "error_code", "http_status", "ip", "user_agent",
            "duration_ms", "response_bytes", "oauth_client");
    /** The JDBC type of each of {@link #COLUMNS}. */
    static final List<Integer> SQL_TYPES = List.of(Types.TIMESTAMP, Types.BIGINT, Types.VARCHAR, Types.BIGINT,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER,
            Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR);

    AuditRecord {
        at = at.truncatedTo(ChronoUnit.MILLIS);
        login = cut(login, 128);
        apiKeyPrefix = cut(apiKeyPrefix, 32);
        sessionId = cut(sessionId, 128);
        protocolVersion = cut(protocolVersion, 16);
        clientName = cut(clientName, 255);
        clientVersion = cut(clientVersion, 64);
        method = cut(method, 128);
        requestId = cut(requestId, 255);
        target = cut(target, 1024);
        model = cut(model, 128);
        recordIds = cut(recordIds, 32000);
        params = cut(params, 32000);
        ip = cut(ip, 64);
        userAgent = cut(userAgent, 512);
        oauthClient = cut(oauthClient, 512);
    }

    /** The values of {@link #COLUMNS}, in order. */
    List<Object> fields() {
        return Arrays.asList(at, userId, login, apiKeyId, apiKeyPrefix, sessionId, protocolVersion, clientName,
                clientVersion, method, requestId, target, model, recordIds, params, outcome, errorCode, httpStatus, ip,
                userAgent, durationMs, responseBytes, oauthClient);
    }

    /**
     * The entry stored in the current row of {@code rows}, its {@link #COLUMNS} from column
     * {@code first} on: what verification hashes again and what the export writes out.
     */
    static AuditRecord read(ResultSet rows, int first) throws SQLException {
        Object[] v = new Object[COLUMNS.size()];
        for (int i = 0; i < v.length; i++) {
            int column = first + i;
            int type = SQL_TYPES.get(i);
            if (type == Types.TIMESTAMP) {
                Timestamp at = rows.getTimestamp(column);
                v[i] = at == null ? null : at.toLocalDateTime();
            } else if (type == Types.BIGINT) {
                long value = rows.getLong(column);
                v[i] = rows.wasNull() ? null : value;
            } else if (type == Types.INTEGER) {
                int value = rows.getInt(column);
                v[i] = rows.wasNull() ? null : value;
            } else {
                v[i] = rows.getString(column);
            }
        }
        return new AuditRecord((LocalDateTime) v[0], (Long) v[1], (String) v[2], (Long) v[3],
                (String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9],
                (String) v[10], (String) v[11], (String) v[12], (String) v[13], (String) v[14], (String) v[15],
                (Integer) v[16], v[17] == null ? 0 : (Integer) v[17], (String) v[18], (String) v[19],
                v[20] == null ? 0 : (Long) v[20], v[21] == null ? 0 : (Long) v[21], (String) v[22]);
    }

    /** This entry's link in its chain, after {@code previousHash}, at position {@code seq}. */
    String hash(String chain, long seq, String previousHash) {
        JsonArrayBuilder canonical = Jsons.createArrayBuilder().add(chain).add(seq);
        List<Object> fields = fields();
        if (oauthClient == null) {
            fields = fields.subList(0, fields.size() - 1);
        }
        for (Object value : fields) {
            if (value == null) {
                canonical.addNull();
            } else if (value instanceof Number n) {
                canonical.add(n.longValue());
            } else {
                canonical.add(value.toString());
            }
        }
        return sha256(previousHash + "\n" + canonical.build());
    }

    /**
     * As one JSON line for the server log, in the shape of the JSON Lines export (same names,
     * times as UTC instants with milliseconds; without the row id and previous hash, which only
     * the stored row has).
     */
    String toJsonLine(String chain, long seq, String hash) {
        var line = Jsons.createObjectBuilder().add("chain", chain).add("seq", seq);
        List<Object> values = fields();
        for (int i = 0; i < COLUMNS.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                line.addNull(COLUMNS.get(i));
            } else if (value instanceof LocalDateTime time) {
                line.add(COLUMNS.get(i), ExportRange.UTC_MILLIS.format(time.toInstant(java.time.ZoneOffset.UTC)));
            } else if (value instanceof Number n) {
                line.add(COLUMNS.get(i), n.longValue());
            } else {
                line.add(COLUMNS.get(i), value.toString());
            }
        }
        return line.add("hash", hash).build().toString();
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // Never split a surrogate pair: the database would store something else than was hashed.
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
