package dev.bastion.erp.base;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Document numbers per kind and company. Two flavours, as in Odoo:
 * <ul>
 * <li>{@link #next}: in the caller's transaction, holding a row lock on the counter until it
 * ends, so numbers have no gaps (legally required for posted invoices);</li>
 * <li>{@link #nextDetached}: in a transaction of its own, so a long caller does not hold the
 * counter; a rolled-back caller leaves a gap (fine for quotations).</li>
 * </ul>
 * A counter is created on first use with the prefix the caller proposes, committed at once
 * ({@link NumberCounters}) so that concurrent first documents share it.
 */
@ApplicationScoped
public class Numbering {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    @Inject
    NumberCounters counters;

    /** The next number of {@code code} in {@code company}, gap-free, locked until the caller's commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String next(String code, Company company, String prefix, LocalDate date) {
        return counter(code, company, prefix).take(date);
    }

    /** The next number of {@code code} in {@code company}, taken and committed at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String nextDetached(String code, long companyId, String prefix, LocalDate date) {
        return counter(code, em.find(Company.class, companyId), prefix).take(date);
    }

    /** Moves the counter of {@code code} in {@code company} to at least {@code next}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void skipTo(String code, Company company, String prefix, long next) {
        counter(code, company, prefix).skipTo(next);
    }

    private NumberSequence counter(String code, Company company, String prefix) {
        Optional<NumberSequence> found = locked(code, company);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            if (!counters.create(code, company.getId(), prefix)) {
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
}
