package dev.bastion.erp.base;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Document numbers per kind and company. Two flavours, as in Odoo:
 * <ul>
 * <li>{@link #next}: in the caller's transaction, holding a row lock on the counter until it
 * ends, so numbers have no gaps (legally required for posted invoices);</li>
 * <li>{@link #nextDetached}: in a transaction of its own, so a long caller does not hold the
 * counter; a rolled-back caller leaves a gap (fine for quotations).</li>
 * </ul>
 * A counter is created on first use with the prefix the caller proposes; for detached numbers
 * committed at once ({@link NumberCounters}) so that concurrent first quotations share it. Both
 * transactions of their own run on threads of their own, never as {@code REQUIRES_NEW} on the
 * caller's thread:
 * there, on Payara, the new transaction read through the suspended caller's still open
 * connection and waited for ever on the row lock that connection held (docs/design-notes.md, 29).
 */
@ApplicationScoped
public class Numbering {

    @Inject
    EntityManager em;

    @Inject
    Detached detached;

    @Inject
    NumberCounters counters;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    /** The next number of {@code code} in {@code company}, gap-free, locked until the caller's commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String next(String code, Company company, String prefix, LocalDate date) {
        return counter(code, company, prefix, false).take(date);
    }

    /** The next number of {@code code} in {@code company}, taken and committed at once, on a pool thread. */
    public String nextDetached(String code, long companyId, String prefix, LocalDate date) {
        return outcome(executor.submit(() -> detached.take(code, companyId, prefix, date)), code);
    }

    /** The transaction {@link #nextDetached} runs on its own thread. */
    @ApplicationScoped
    static class Detached {

        @Inject
        EntityManager em;

        @Inject
        Numbering numbering;

        /**
         * Takes the number; a missing counter is created and committed on a thread of its own
         * first, which is safe here: this transaction holds no lock the creation could wait for.
         */
        @Transactional
        public String take(String code, long companyId, String prefix, LocalDate date) {
            return numbering.counter(code, em.find(Company.class, companyId), prefix, true).take(date);
        }
    }

    /** Moves the counter of {@code code} in {@code company} to at least {@code next}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void skipTo(String code, Company company, String prefix, long next) {
        counter(code, company, prefix, false).skipTo(next);
    }

    /**
     * The counter, locked; created when missing: in the caller's transaction, or when
     * {@code shared}, committed at once on a thread of its own so that concurrent first documents
     * share it. Only a caller whose transaction holds no locks may share: the creation would wait
     * for the caller's locks (the company row it changed, a counter it created) while the caller
     * waits for the creation.
     */
    NumberSequence counter(String code, Company company, String prefix, boolean shared) {
        Optional<NumberSequence> found = locked(code, company);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            if (!shared || !onNewThread(() -> counters.create(code, company.getId(), prefix), code)) {
                NumberSequence created = new NumberSequence(code, company, prefix, 5);
                em.persist(created);
                return created;
            }
        } catch (RuntimeException e) {
            // A concurrent first document created it: its committed row is what we lock next.
            return locked(code, company).orElseThrow(() -> e);
        }
        return locked(code, company).orElseThrow();
    }

    private Optional<NumberSequence> locked(String code, Company company) {
        return em.createQuery("select s from NumberSequence s where s.code = :code and s.company = :company",
                        NumberSequence.class)
                .setParameter("code", code).setParameter("company", company)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /**
     * Runs {@code work} on a thread started for it: counters are created rarely, and possibly
     * from a pool thread already taking a number, which must not wait for a place in its own pool.
     */
    private <T> T onNewThread(Callable<T> work, String code) {
        FutureTask<T> task = new FutureTask<>(work);
        threads.newThread(task).start();
        return outcome(task, code);
    }

    private static <T> T outcome(Future<T> work, String code) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while taking a number of " + code, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Could not take a number of " + code, e.getCause());
        }
    }
}
