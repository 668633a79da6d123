package dev.bastion.audit;

import dev.bastion.platform.DatabaseReady;
import dev.bastion.settings.SettingKey;
import dev.bastion.settings.SettingsService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores audit entries off the request path: requests put their entries into a bounded queue
 * (a full queue makes them wait: back-pressure; an entry that still finds no room goes to the
 * server log whole, never dropped) and one thread of this
 * writer drains it in batches of up to {@value #BATCH} rows, each batch one JDBC transaction
 * of its own, so a business transaction that rolls back takes no entry with it. A batch the
 * database refuses is retried, with the same chain links, until it is stored. At shutdown the
 * queue is written out before the writer stops.
 * <p>
 * This writer is one chain ({@link #chain()}): positions and hashes are assigned here, by
 * the one thread, in queue order; each batch also moves the chain's head in
 * {@code mcp_audit_chain} and adds to the chain's per-minute totals ({@link AuditTotals}, what
 * the dashboard reads), in the same transaction.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());
    /** Where {@code bastion.audit.log-lines} sends each entry, for log shippers. */
    private static final Logger LINES = Logger.getLogger("bastion.audit");
    static final int QUEUE_CAPACITY = 20_000;
    static final int BATCH = 500;
    private static final long MAX_RETRY_DELAY_MILLIS = 5_000;
    static final long FULL_QUEUE_WAIT_SECONDS = 5;
    private static final long FULL_QUEUE_RETRY_MILLIS = 20;

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    SettingsService settings;

    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final String chain = UUID.randomUUID().toString();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    /** Held while a batch is written, so a verification of this chain sees it whole. */
    private final ReentrantLock writing = new ReentrantLock();
    private long seq;
    private String head = AuditRecord.GENESIS;
    private volatile Thread thread;
    private volatile boolean stopping;
    /** Whether the last batch was refused (the database is away); cleared by the next one stored. */
    private volatile boolean failing;

    /** The chain this writer appends to: one per server run. */
    public String chain() {
        return chain;
    }

    void start(@Observes DatabaseReady ready) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into mcp_audit_chain (chain, node, started_at, "
                     + "anchor_seq, anchor_hash, head_seq, head_hash) values (?, ?, ?, 0, ?, 0, ?)")) {
            insert.setString(1, chain);
            insert.setString(2, nodeName());
            insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            insert.setString(4, AuditRecord.GENESIS);
            insert.setString(5, AuditRecord.GENESIS);
            insert.executeUpdate();
        }
        Thread worker = threads.newThread(this::drain);
        worker.setName("bastion-audit-writer");
        worker.setDaemon(true);
        thread = worker;
        worker.start();
    }

    /**
     * Queues {@code entry}; waits up to {@value #FULL_QUEUE_WAIT_SECONDS} s while the queue is
     * full (the database cannot keep up, or is away). Past that the entry goes to the server log
     * as a whole JSON line: a long outage must not hang every request, and no entry is dropped.
     * The place is handed out under a lock with the entry's insertion, so places follow the
     * queue's order; a request waiting for room does so outside the lock, so a full queue makes
     * each waiting request wait its own {@value #FULL_QUEUE_WAIT_SECONDS} s, not one after another.
     *
     * @return the entry's place in the queue (for {@link #awaitStored}), 0 when it went to the log
     */
    long append(AuditRecord entry) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FULL_QUEUE_WAIT_SECONDS);
        try {
            while (true) {
                synchronized (this) {
                    if (queue.offer(entry)) {
                        return accepted.incrementAndGet();
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(FULL_QUEUE_RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.severe("Audit entry not queued (the audit queue stayed full, or the request was stopped): "
                + entry.toJsonLine(chain, 0, ""));
        return 0;
    }

    /**
     * Waits until the entry {@link #append} placed at {@code place} is stored (the writer stores
     * in queue order), or {@code timeoutMillis} passed.
     *
     * @return true when it is stored
     */
    boolean awaitStored(long place, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (stored) {
            while (stored.get() < place) {
                if (failing) {
                    // The database refuses batches: waiting would hold every write's answer through the outage.
                    return false;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    stored.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void storedMore(int count) {
        synchronized (stored) {
            failing = false;
            stored.addAndGet(count);
            stored.notifyAll();
        }
    }

    /** A batch was refused: who waits for an entry stops waiting (and new waits return at once) until one is stored. */
    private void refused() {
        synchronized (stored) {
            failing = true;
            stored.notifyAll();
        }
    }

    /** Waits until every entry queued so far is stored, or {@code timeoutMillis} passed; true when stored. */
    public boolean flush(long timeoutMillis) {
        long target = accepted.get();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (stored.get() < target) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Runs {@code work} while no batch of this writer is being written. */
    <T> T whileIdle(Supplier<T> work) {
        writing.lock();
        try {
            return work.get();
        } finally {
            writing.unlock();
        }
    }

    private void drain() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        long delay = 100;
        while (!stopping || !queue.isEmpty() || !batch.isEmpty()) {
            if (batch.isEmpty()) {
                try {
                    AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                } catch (InterruptedException e) {
                    // Shutdown interrupts: the loop still writes what is queued.
                    stopping = true;
                    continue;
                }
                queue.drainTo(batch, BATCH - 1);
            }
            if (store(batch)) {
                storedMore(batch.size());
                batch.clear();
                delay = 100;
            } else if (stopping && delay >= MAX_RETRY_DELAY_MILLIS) {
                // The database stays away at shutdown: the log is the last place the entries can go.
                batch.forEach(e -> LOG.severe("Audit entry not stored (database unavailable at shutdown): "
                        + e.toJsonLine(chain, 0, "")));
                storedMore(batch.size());
                batch.clear();
            } else {
                refused();
                sleep(delay);
                delay = Math.min(MAX_RETRY_DELAY_MILLIS, delay * 2);
            }
        }
    }

    /** Stores one batch with its chain links; false (and the chain unchanged) when the database refused. */
    private boolean store(List<AuditRecord> batch) {
        writing.lock();
        long position = seq;
        String link = head;
        List<String> hashes = new ArrayList<>(batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into mcp_audit_log (chain, seq, "
                    + String.join(", ", AuditRecord.COLUMNS) + ", prev_hash, hash) values (?, ?"
                    + ", ?".repeat(AuditRecord.COLUMNS.size()) + ", ?, ?)");
                 PreparedStatement moveHead = c.prepareStatement(
                         "update mcp_audit_chain set head_seq = ?, head_hash = ? where chain = ?")) {
                for (AuditRecord entry : batch) {
                    position++;
                    String hash = entry.hash(chain, position, link);
                    bind(insert, entry, position, link, hash);
                    insert.addBatch();
                    hashes.add(hash);
                    link = hash;
                }
                insert.executeBatch();
                addTotals(c, batch);
                moveHead.setLong(1, position);
                moveHead.setString(2, link);
                moveHead.setString(3, chain);
                moveHead.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            long first = seq;
            seq = position;
            head = link;
            logLines(batch, first, hashes);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store " + batch.size() + " audit entries; retrying", e);
            return false;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Adds the batch to the dashboard's per-minute totals in the batch's transaction, so both agree.
     * Totals that cannot be stored are given up (rolled back to before them, logged): the
     * dashboard then counts too few, but no entry waits for them.
     */
    private void addTotals(Connection c, List<AuditRecord> batch) throws SQLException {
        Savepoint beforeTotals = c.setSavepoint();
        try {
            AuditTotals.add(c, chain, AuditTotals.of(batch));
        } catch (SQLException | RuntimeException e) {
            c.rollback(beforeTotals);
            LOG.log(Level.WARNING, "The dashboard's totals of " + batch.size() + " audit entries were not stored "
                    + "(the entries are)", e);
        }
    }

    private void logLines(List<AuditRecord> batch, long first, List<String> hashes) {
        boolean lines;
        try {
            lines = settings.getBoolean(SettingKey.AUDIT_LOG_LINES);
        } catch (RuntimeException e) {
            lines = false;
        }
        if (lines) {
            for (int i = 0; i < batch.size(); i++) {
                LINES.info(batch.get(i).toJsonLine(chain, first + i + 1, hashes.get(i)));
            }
        }
    }

    private void bind(PreparedStatement insert, AuditRecord entry, long position, String previous, String hash)
            throws SQLException {
        int i = 1;
        insert.setString(i++, chain);
        insert.setLong(i++, position);
        List<Object> values = entry.fields();
        for (int column = 0; column < values.size(); column++) {
            Object value = values.get(column);
            int type = AuditRecord.SQL_TYPES.get(column);
            if (value == null) {
                insert.setNull(i++, type);
            } else if (value instanceof LocalDateTime at) {
                insert.setTimestamp(i++, Timestamp.valueOf(at));
            } else if (type == Types.BIGINT) {
                insert.setLong(i++, ((Number) value).longValue());
            } else if (type == Types.INTEGER) {
                insert.setInt(i++, ((Number) value).intValue());
            } else {
                insert.setString(i++, value.toString());
            }
        }
        insert.setString(i++, previous);
        insert.setString(i, hash);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
