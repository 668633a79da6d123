package dev.bastion.erp.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {

    @Test
    void membershipIncludesImpliedGroupsTransitivelyAndSurvivesCycles() {
        Group user = new Group("base.group_user", "User types", "Internal User");
        Group salesman = new Group("sales.group_sale_salesman", "Sales", "User: Own Documents Only");
        Group manager = new Group("sales.group_sale_manager", "Sales", "Administrator");
        Group billing = new Group("invoicing.group_account_invoice", "Invoicing", "Billing");
        salesman.getImplied().add(user);
        manager.getImplied().add(salesman);
        user.getImplied().add(manager); // a cycle must not loop forever

        Company company = new Company("Acme", null, null, "UTC");
        User alice = new User("alice", "Alice", company);
        alice.getGroups().add(manager);
        assertTrue(alice.inGroup("base.group_user"));
        assertTrue(alice.inGroup("sales.group_sale_salesman"));
        assertFalse(alice.inGroup(billing.getXmlId()));
        assertEquals(3, alice.effectiveGroups().size());
        assertEquals(List.of(company), List.copyOf(alice.getCompanies()), "the default company is allowed");
    }
}
