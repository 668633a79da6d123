package dev.bastion.erp.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Country;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Group;
import dev.bastion.erp.base.Partner;
import dev.bastion.erp.base.User;
import dev.bastion.erp.invoicing.Move;
import dev.bastion.erp.sales.SaleOrder;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo data's shape, without a database: what a newcomer finds on first start. */
class DemoDataSetTest {

    static DemoReferences references() {
        Map<String, Currency> currencies = new LinkedHashMap<>();
        currencies.put("EUR", new Currency("EUR", "Euro", "€", 2));
        currencies.put("USD", new Currency("USD", "US Dollar", "$", 2));
        Map<String, Country> countries = new LinkedHashMap<>();
        for (String code : DemoDataSet.countryCodes()) {
            countries.put(code, new Country(code, code, null));
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String xmlId : List.of("base.group_user", "base.group_mcp_user", "sales.group_sale_salesman",
                "sales.group_sale_manager", "invoicing.group_account_invoice", "invoicing.group_account_manager")) {
            groups.put(xmlId, new Group(xmlId, "Test", xmlId));
        }
        return new DemoReferences(currencies, countries, groups,
                new Company("My Company", currencies.get("EUR"), null, "UTC"));
    }

    private static final DemoDataSet SET = DemoDataSet.build(references());

    @Test
    void twoBuildsGiveTheSameData() {
        DemoDataSet again = DemoDataSet.build(references());
        assertEquals(SET.orders.stream().map(o -> o.getName() + " " + o.getState() + " " + o.getAmountTotal()).toList(),
                again.orders.stream().map(o -> o.getName() + " " + o.getState() + " " + o.getAmountTotal()).toList());
        assertEquals(SET.partners.stream().map(Partner::getName).toList(), again.partners.stream().map(Partner::getName).toList());
        assertEquals(SET.moves.stream().map(m -> m.getName() + m.getPaymentState() + m.getAmountResidual()).toList(),
                again.moves.stream().map(m -> m.getName() + m.getPaymentState() + m.getAmountResidual()).toList());
    }

    @Test
    void twoCompaniesInDifferentCurrenciesAndZones() {
        assertEquals(2, SET.companies.size());
        Company eu = SET.companies.get(0);
        Company us = SET.companies.get(1);
        assertEquals("EUR", eu.getCurrency().getName());
        assertEquals("Europe/Brussels", eu.getTz());
        assertEquals("USD", us.getCurrency().getName());
        assertEquals("America/New_York", us.getTz());
    }

    @Test
    void usersHaveDifferentRoles() {
        Map<String, User> users = SET.users.stream().collect(Collectors.toMap(User::getLogin, u -> u));
        assertTrue(users.get("demo.manager").inGroup("sales.group_sale_manager"));
        assertEquals(2, users.get("demo.manager").getCompanies().size());
        assertTrue(users.get("demo.sales.us").inGroup("sales.group_sale_salesman"));
        assertFalse(users.get("demo.sales.us").inGroup("sales.group_sale_manager"));
        assertEquals(Set.of(SET.companies.get(1)), users.get("demo.sales.us").getCompanies());
        assertTrue(users.get("demo.accountant").inGroup("invoicing.group_account_manager"));
        assertFalse(users.get("demo.employee").inGroup("base.group_mcp_user"), "one user may not use MCP");
        assertTrue(SET.users.stream().allMatch(u -> u.inGroup("base.group_user")));
    }

    @Test
    void hundredsOfPartnersDozensOfProducts() {
        assertTrue(SET.partners.size() >= 250, "partners: " + SET.partners.size());
        assertTrue(SET.partners.stream().anyMatch(p -> p.getCompany() == null), "some partners are shared");
        assertTrue(SET.partners.stream().anyMatch(p -> p.getParent() != null), "companies have contacts");
        assertTrue(SET.products.size() >= 36, "products: " + SET.products.size());
    }

    @Test
    void ordersInEveryStateNumberedInDateOrderPerCompany() {
        assertEquals(400, SET.orders.size());
        Map<String, Long> states = SET.orders.stream().collect(Collectors.groupingBy(SaleOrder::getState, Collectors.counting()));
        assertEquals(Set.of("draft", "sent", "sale", "cancel"), states.keySet());
        assertTrue(states.values().stream().allMatch(n -> n >= 20), states.toString());
        Set<String> invoiceStatuses = SET.orders.stream().map(SaleOrder::getInvoiceStatus).collect(Collectors.toSet());
        assertEquals(Set.of("no", "to invoice", "invoiced"), invoiceStatuses);
        for (Company company : SET.companies) {
            List<SaleOrder> mine = SET.orders.stream().filter(o -> o.getCompany() == company).toList();
            assertEquals("S00001", mine.stream().map(SaleOrder::getName).min(String::compareTo).orElseThrow());
            assertEquals(mine.size(), mine.stream().map(SaleOrder::getName).distinct().count());
        }
        assertTrue(SET.orders.stream().allMatch(o -> o.getAmountTotal().compareTo(
                o.getAmountUntaxed().add(o.getAmountTax())) == 0));
    }

    @Test
    void invoicesWithMixedPaymentStatesIncludingOverdue() {
        Map<String, Long> paymentStates = SET.moves.stream().filter(m -> m.getState().equals("posted"))
                .collect(Collectors.groupingBy(Move::getPaymentState, Collectors.counting()));
        assertEquals(Set.of("not_paid", "partial", "paid", "reversed"), paymentStates.keySet(), paymentStates.toString());
        long overdue = SET.moves.stream().filter(m -> m.getState().equals("posted") && m.getAmountResidual().signum() > 0
                && m.getDueDate().isBefore(DemoDataSet.REFERENCE)).count();
        assertTrue(overdue >= 10, "overdue: " + overdue);
        assertTrue(SET.moves.stream().anyMatch(m -> m.getState().equals("draft")), "some invoices are drafts");
        assertTrue(SET.moves.stream().anyMatch(m -> m.getMoveType().equals("in_invoice")), "vendor bills");
        assertTrue(SET.moves.stream().anyMatch(m -> m.getMoveType().equals("out_refund")), "credit notes");
        assertTrue(SET.payments.size() > 50, "payments: " + SET.payments.size());
    }

    @Test
    void postedNumbersFollowTheInvoiceDatesPerJournal() {
        Map<String, List<Move>> journals = SET.moves.stream().filter(m -> m.getState().equals("posted"))
                .collect(Collectors.groupingBy(m -> m.journalCode() + "@" + m.getCompany().getName()));
        for (List<Move> journal : journals.values()) {
            List<Move> byNumber = journal.stream().sorted(Comparator.comparing(m -> m.getName().substring(m.getName().lastIndexOf('/')))).toList();
            for (int i = 1; i < byNumber.size(); i++) {
                assertFalse(byNumber.get(i).getInvoiceDate().isBefore(byNumber.get(i - 1).getInvoiceDate()),
                        byNumber.get(i - 1).getName() + " then " + byNumber.get(i).getName());
            }
            assertEquals(journal.size(), journal.stream().map(Move::getName).distinct().count());
        }
    }
}
