package dev.bastion.erp.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Partner;
import dev.bastion.erp.base.User;
import dev.bastion.erp.invoicing.Move;
import dev.bastion.erp.product.Product;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order's state machine, totals and invoicing, as plain Java. */
class SaleOrderTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 9, 30);

    private Company company;
    private Partner customer;
    private Partner contact;
    private Product desk;
    private Product support;
    private SaleOrder order;

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @BeforeEach
    void quotation() {
        company = new Company("Acme", new Currency("EUR", "Euro", "€", 2), null, "Europe/Brussels");
        customer = Partner.company("Deco Addict", company);
        contact = Partner.contact("Douglas Fletcher", customer, "Buyer");
        desk = new Product("Desk", "FURN-1", "consu", null, d("250.00"), d("150"), d("21"), null);
        support = new Product("Support", "SRV-1", "service", null, d("99.99"), d("0"), d("0"), null);
        order = new SaleOrder(contact, company, new User("bob", "Bob", company), NOW.minusDays(3));
        order.setName("S00001");
        order.addLine(desk, d("3"), null, d("10"));
        order.addLine(support, d("2"), null, null);
    }

    @Test
    void totalsAreSumsOfRoundedLinesWithProductDefaults() {
        order.recompute();
        assertEquals(d("675.00"), order.getLines().get(0).getSubtotal(), "3 × 250 less 10%");
        assertEquals(d("141.75"), order.getLines().get(0).getTax(), "21% of 675");
        assertEquals(d("199.98"), order.getLines().get(1).getSubtotal(), "unit price from the product");
        assertEquals(d("874.98"), order.getAmountUntaxed());
        assertEquals(d("141.75"), order.getAmountTax());
        assertEquals(d("1016.73"), order.getAmountTotal());
    }

    @Test
    void aDiscountAbove100IsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> order.addLine(desk, d("1"), null, d("150")));
        assertEquals("discount must be between 0 and 100, got 150", e.getMessage());
    }

    @Test
    void quotationToInvoicedOrder() {
        assertEquals("no", order.getInvoiceStatus());
        order.send();
        assertEquals("sent", order.getState());
        order.confirm(NOW);
        assertEquals("sale", order.getState());
        assertEquals(NOW, order.getDateOrder(), "confirmation dates the order, as in Odoo");
        assertEquals("to invoice", order.getInvoiceStatus());

        Move invoice = order.invoice();
        assertEquals("invoiced", order.getInvoiceStatus());
        assertEquals("out_invoice", invoice.getMoveType());
        assertSame(customer, invoice.getPartner(), "invoices go to the customer company, not the contact");
        assertEquals(order.getAmountTotal(), invoice.getAmountTotal());
        assertEquals(2, invoice.getLines().size());

        IllegalStateException again = assertThrows(IllegalStateException.class, order::invoice);
        assertEquals("cannot invoice order S00001: it is already invoiced [draft invoice #null]", again.getMessage());

        invoice.cancel();
        order.followInvoices();
        assertEquals("to invoice", order.getInvoiceStatus(), "a cancelled invoice does not count");
    }

    @Test
    void refusedTransitionsNameTheOrderAndItsState() {
        order.cancel();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> order.confirm(NOW));
        assertEquals("cannot confirm quotation S00001 in state cancel", e.getMessage());
        assertThrows(IllegalStateException.class, order::send);
        assertThrows(IllegalStateException.class, order::cancel);
        order.resetToDraft();
        assertEquals("draft", order.getState());
        IllegalStateException draft = assertThrows(IllegalStateException.class, order::resetToDraft);
        assertEquals("cannot set to quotation quotation S00001 in state draft", draft.getMessage());
        IllegalStateException notConfirmed = assertThrows(IllegalStateException.class, order::invoice);
        assertEquals("cannot invoice quotation S00001 in state draft", notConfirmed.getMessage());
    }

    @Test
    void anOrderWithoutLinesCannotBeConfirmed() {
        SaleOrder empty = new SaleOrder(customer, company, null, NOW);
        empty.setName("S00002");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.confirm(NOW));
        assertEquals("cannot confirm quotation S00002: it has no lines", e.getMessage());
    }

    @Test
    void aPostedInvoiceBlocksCancellationDraftInvoicesAreCancelledWithTheOrder() {
        order.confirm(NOW);
        Move draft = order.invoice();
        order.cancel();
        assertEquals("cancel", draft.getState());
        assertEquals("no", order.getInvoiceStatus());

        order.resetToDraft();
        order.confirm(NOW);
        Move posted = order.invoice();
        posted.post("INV/2026/00001", LocalDate.of(2026, 3, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, order::cancel);
        assertEquals("cannot cancel order S00001: invoice INV/2026/00001 is posted; reverse or reset it first",
                e.getMessage());
    }
}
