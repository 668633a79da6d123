package dev.bastion.erp.base;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Creates a document counter in a transaction of its own, so that two first documents of a
 * company made at the same moment do not both insert it in their own transactions, where the
 * second one's commit would fail on the (code, company) key after its work was done.
 */
@ApplicationScoped
public class NumberCounters {

    @PersistenceContext(unitName = "bastion")
    EntityManager em;

    /**
     * Inserts the counter {@code code} of {@code companyId}, committed on return; false when
     * the company is not committed yet (created by the caller's own transaction), so the
     * counter belongs in that transaction.
     *
     * @throws RuntimeException when it cannot be inserted, also when a concurrent call just did
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean create(String code, long companyId, String prefix) {
        Company company = em.find(Company.class, companyId);
        if (company == null) {
            return false;
        }
        em.persist(new NumberSequence(code, company, prefix, 5));
        em.flush();
        return true;
    }
}
