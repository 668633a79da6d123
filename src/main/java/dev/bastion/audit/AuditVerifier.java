package dev.bastion.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Walks every audit chain from its anchor (where retention left it) to its head and reports
 * the first entry that was edited (its hash no longer matches its fields), deleted (a
 * position is missing, also at the end) or inserted (a row the chain does not link, or one
 * past its head). This writer's own chain is checked between two of its batches.
 */
@ApplicationScoped
public class AuditVerifier {

    /**
     * The outcome of a verification.
     *
     * @param intact  true when no chain showed a problem
     * @param chains  chains walked
     * @param entries entries checked
     * @param problem the first problem found, or null
     */
    public record Report(boolean intact, int chains, long entries, Problem problem) {
    }

    /**
     * @param kind   {@code edited}, {@code deleted} or {@code inserted}
     * @param chain  the chain it is in
     * @param seq    the position where it shows
     * @param id     the row's id, when there is a row
     * @param detail what was found, in words
     */
    public record Problem(String kind, String chain, long seq, Long id, String detail) {
    }

    private record Head(String chain, long anchorSeq, String anchorHash, long headSeq, String headHash) {
    }

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Inject
    AuditWriter writer;

    public Report verify() {
        return writer.whileIdle(this::verifyAll);
    }

    private Report verifyAll() {
        try (Connection c = dataSource.getConnection()) {
            List<Head> before = heads(c);
            long checked = 0;
            for (Head head : before) {
                long[] count = {0};
                Problem problem = walk(c, head, count);
                checked += count[0];
                if (problem != null) {
                    return new Report(false, before.size(), checked, problem);
                }
            }
            Problem stray = strayRows(c);
            return new Report(stray == null, before.size(), checked, stray);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit chains could not be read: " + e.getMessage(), e);
        }
    }

    private static List<Head> heads(Connection c) throws SQLException {
        List<Head> heads = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select chain, anchor_seq, anchor_hash, head_seq, head_hash "
                + "from mcp_audit_chain order by started_at, chain");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                heads.add(new Head(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getLong(4),
                        rows.getString(5)));
            }
        }
        return heads;
    }

    /** The first problem of one chain, or null; counts the entries walked into {@code count[0]}. */
    private static Problem walk(Connection c, Head head, long[] count) throws SQLException {
        long expected = head.anchorSeq() + 1;
        String previous = head.anchorHash();
        try (PreparedStatement select = c.prepareStatement("select id, seq, "
                + String.join(", ", AuditRecord.COLUMNS) + ", prev_hash, hash from mcp_audit_log where chain = ? "
                + "order by seq")) {
            select.setString(1, head.chain());
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    long seq = rows.getLong(2);
                    AuditRecord entry = AuditRecord.read(rows, 3);
                    String prevHash = rows.getString(AuditRecord.COLUMNS.size() + 3);
                    String hash = rows.getString(AuditRecord.COLUMNS.size() + 4);
                    count[0]++;
                    if (seq <= head.anchorSeq()) {
                        return new Problem("inserted", head.chain(), seq, id, "entry " + seq
                                + " lies before where retention left the chain (position " + head.anchorSeq() + ")");
                    }
                    if (seq > head.headSeq()) {
                        return new Problem("inserted", head.chain(), seq, id, "entry " + seq
                                + " lies past the chain's last entry (" + head.headSeq() + ")");
                    }
                    if (seq != expected) {
                        return new Problem("deleted", head.chain(), expected, null, "entries " + expected + " to "
                                + (seq - 1) + " are missing");
                    }
                    if (!entry.hash(head.chain(), seq, prevHash).equals(hash)) {
                        return new Problem("edited", head.chain(), seq, id, "entry " + seq
                                + " no longer matches its hash: a field was changed");
                    }
                    if (!prevHash.equals(previous)) {
                        return new Problem("inserted", head.chain(), seq, id, "entry " + seq
                                + " does not link to the entry before it: it was put in place of the original");
                    }
                    previous = hash;
                    expected++;
                }
            }
        }
        if (expected <= head.headSeq()) {
            return new Problem("deleted", head.chain(), expected, null, "entries " + expected + " to "
                    + head.headSeq() + " (the newest) are missing");
        }
        if (!previous.equals(head.headHash())) {
            return new Problem("edited", head.chain(), head.headSeq(), null,
                    "the chain's last entry is not the one the chain recorded");
        }
        return null;
    }

    /** Rows of chains that were never started (their chain row is missing), or null. */
    private static Problem strayRows(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select l.id, l.chain, l.seq from mcp_audit_log l "
                + "where not exists (select 1 from mcp_audit_chain h where h.chain = l.chain)");
             ResultSet rows = select.executeQuery()) {
            if (rows.next()) {
                return new Problem("inserted", rows.getString(2), rows.getLong(3), rows.getLong(1),
                        "entry of a chain no server started");
            }
        }
        return null;
    }
}
