package dev.bastion.erp.demo;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Country;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.Numbering;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes the {@link DemoDataSet} into a database that has no partners and no orders yet. */
@ApplicationScoped
public class DemoLoader {

    @Inject
    EntityManager em;

    @Inject
    Numbering numbering;

    /**
     * Loads the demo data in one transaction unless the database already holds partners or
     * orders (so it never mixes with real data and runs once).
     *
     * @return the data written, or null when the database was not empty
     */
    @Transactional
    public DemoDataSet loadIfEmpty() {
        long existing = em.createQuery("select count(p) from Partner p", Long.class).getSingleResult()
                + em.createQuery("select count(o) from SaleOrder o", Long.class).getSingleResult();
        if (existing > 0) {
            return null;
        }
        DemoDataSet set = DemoDataSet.build(references());
        List.of(set.companies, set.users, set.categories, set.products, set.partners, set.moves, set.orders, set.payments)
                .forEach(list -> list.forEach(this::persist));
        set.nextNumbers.forEach((key, next) -> numbering.skipTo(DemoDataSet.codeOf(key), set.companyOf(key),
                set.prefixes.get(key), next));
        em.flush();
        return set;
    }

    private void persist(Object entity) {
        if (!em.contains(entity)) {
            em.persist(entity);
        }
    }

    private DemoReferences references() {
        Map<String, Currency> currencies = em.createQuery("select c from Currency c", Currency.class).getResultStream()
                .collect(Collectors.toMap(Currency::getName, Function.identity()));
        Map<String, Country> countries = em.createQuery("select c from Country c", Country.class).getResultStream()
                .collect(Collectors.toMap(Country::getCode, Function.identity()));
        Map<String, Group> groups = em.createQuery("select g from ResGroup g", Group.class).getResultStream()
                .collect(Collectors.toMap(Group::getXmlId, Function.identity()));
        Company main = em.createQuery("select c from Company c order by c.id", Company.class).setMaxResults(1)
                .getResultStream().findFirst().orElseThrow(() -> new IllegalStateException("no company is seeded"));
        return new DemoReferences(currencies, countries, groups, main);
    }
}
