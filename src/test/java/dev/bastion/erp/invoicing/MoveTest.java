package dev.bastion.erp.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Partner;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invoice's state machine, numbering rules, payments and credit notes, as plain Java. */
class MoveTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private Partner customer;
    private Move invoice;

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @BeforeEach
    void draft() {
        Company company = new Company("Acme", new Currency("USD", "US Dollar", "$", 2), null, "America/New_York");
        customer = Partner.company("Azure Interior", company);
        invoice = new Move("out_invoice", customer, company);
        invoice.addLine(null, "Consulting", d("10"), d("80"), null, d("8.25"));
        invoice.addLine(null, "Travel", d("1"), d("120.50"), d("0"), d("0"));
    }

    @Test
    void postingNumbersAndDatesTheInvoice() {
        assertEquals("/", invoice.getName());
        assertEquals(d("986.50"), invoice.getAmountTotal(), "800 + 66.00 tax + 120.50");
        assertEquals(invoice.getAmountTotal(), invoice.getAmountResidual(), "a draft is due in full");
        invoice.post("INV/2026/00007", TODAY);
        assertEquals("posted", invoice.getState());
        assertEquals("INV/2026/00007", invoice.getName());
        assertEquals(TODAY, invoice.getInvoiceDate());
        assertEquals(TODAY.plusDays(30), invoice.getDueDate());
        assertEquals("not_paid", invoice.getPaymentState());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> invoice.post("X", TODAY));
        assertEquals("cannot post invoice INV/2026/00007 in state posted", again.getMessage());
    }

    @Test
    void partialThenFullPayment() {
        invoice.post("INV/2026/00001", TODAY);
        invoice.pay(d("500"), TODAY.plusDays(3));
        assertEquals("partial", invoice.getPaymentState());
        assertEquals(d("486.50"), invoice.getAmountResidual());
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                () -> invoice.pay(d("486.51"), TODAY));
        assertEquals("the payment of 486.51 exceeds the amount due 486.50 USD of invoice INV/2026/00001", over.getMessage());
        assertThrows(IllegalArgumentException.class, () -> invoice.pay(d("-1"), TODAY));
        assertThrows(IllegalArgumentException.class, () -> invoice.pay(d("1"), null));
        Payment last = invoice.pay(d("486.50"), TODAY.plusDays(9));
        assertEquals(d("486.50"), last.getAmount());
        assertEquals("paid", invoice.getPaymentState());
        assertEquals(0, invoice.getAmountResidual().signum());
        IllegalStateException draft = assertThrows(IllegalStateException.class, () -> invoice.resetToDraft(true));
        assertTrue(draft.getMessage().contains("payments or credit notes are applied"));
    }

    @Test
    void paymentsNeedAPostedInvoice() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> invoice.pay(d("1"), TODAY));
        assertEquals("cannot register a payment on draft invoice #null in state draft", e.getMessage());
    }

    @Test
    void cancelOnlyFromDraftAndBack() {
        invoice.post("INV/2026/00002", TODAY);
        assertThrows(IllegalStateException.class, invoice::cancel, "posted entries are reset to draft first");
        invoice.resetToDraft(false);
        assertEquals("draft", invoice.getState());
        assertEquals("INV/2026/00002", invoice.getName(), "a reset entry keeps its number");
        invoice.cancel();
        assertEquals("cancel", invoice.getState());
        assertEquals(0, invoice.getAmountResidual().signum());
        invoice.resetToDraft(false);
        invoice.post(null, TODAY);
        assertEquals("INV/2026/00002", invoice.getName());
    }

    @Test
    void aCreditNoteForTheWholeAmountReversesTheInvoice() {
        invoice.post("INV/2026/00003", TODAY);
        Move refund = invoice.reverse(TODAY.plusDays(1));
        assertEquals("out_refund", refund.getMoveType());
        assertEquals(invoice.getAmountTotal(), refund.getAmountTotal());
        refund.post("RINV/2026/00001", TODAY.plusDays(1));
        assertEquals("reversed", invoice.getPaymentState());
        assertEquals(0, invoice.getAmountResidual().signum());
        assertEquals("paid", refund.getPaymentState());
    }

    @Test
    void aCreditNoteAfterAPartialPaymentSettlesTheRest() {
        invoice.post("INV/2026/00004", TODAY);
        invoice.pay(d("100"), TODAY);
        Move refund = invoice.reverse(TODAY);
        assertEquals(d("886.50"), refund.getAmountTotal(), "only what is still due");
        refund.post("RINV/2026/00002", TODAY);
        assertEquals("paid", invoice.getPaymentState());
    }

    @Test
    void aDueDateBeforeTheInvoiceDateIsRefused() {
        invoice.setDates(TODAY, TODAY.minusDays(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> invoice.post("INV/1", TODAY));
        assertTrue(e.getMessage().contains("is before the invoice date"), e.getMessage());
        assertEquals("draft", invoice.getState());
    }
}
