package dev.bastion.erp.invoicing;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Money;
import dev.bastion.erp.base.Partner;
import dev.bastion.erp.base.User;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer invoice, vendor bill or credit note ({@code move_type}). Drafts are numbered
 * {@code /}; posting gives the next number of the company's journal, with no gaps. Payments
 * and credit notes lower {@code amount_residual}, which sets {@code payment_state}.
 *
 * <p>The state machine lives in this class as plain Java ({@link #post}, {@link #cancel},
 * {@link #resetToDraft}, {@link #pay}) so it is unit-tested without a database;
 * {@link MoveMethods} exposes it to clients.
 */
@Entity
@Table(name = "account_move")
@Model(name = "account.move", label = "Journal Entry", module = "invoicing", order = "invoice_date desc, name desc, id desc",
        description = "Customer invoices (move_type out_invoice), vendor bills (in_invoice) and credit notes "
                + "(out_refund, in_refund); state draft/posted/cancel; payment_state not_paid/partial/paid/reversed; "
                + "overdue = posted, not fully paid, invoice_date_due before today")
public class Move {

    public static final String DRAFT = "draft";
    public static final String POSTED = "posted";
    public static final String CANCEL = "cancel";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_move_seq")
    @SequenceGenerator(name = "account_move_seq", sequenceName = "account_move_seq", allocationSize = 50)
    Long id;

    @Field(label = "Number", help = "Assigned when posted; '/' for drafts", readonly = true)
    String name = "/";

    @Field(label = "Type", type = FieldType.SELECTION, required = true, selection = {
            "out_invoice:Customer Invoice", "out_refund:Customer Credit Note",
            "in_invoice:Vendor Bill", "in_refund:Vendor Credit Note"})
    @Column(name = "move_type")
    String moveType = "out_invoice";

    @ManyToOne(optional = false)
    @JoinColumn(name = "partner_id")
    @Field(label = "Partner", help = "Customer or vendor", required = true)
    Partner partner;

    @ManyToOne(optional = false)
    @JoinColumn(name = "company_id")
    @Field(required = true)
    Company company;

    /** Filled from the company when left empty. */
    @ManyToOne
    @Field(help = "Defaults to the company's currency")
    Currency currency;

    @ManyToOne
    @JoinColumn(name = "invoice_user_id")
    @Field(name = "invoice_user_id", label = "Salesperson")
    User salesperson;

    @Field(label = "Invoice/Bill Date", help = "Set to today when posted without one")
    @Column(name = "invoice_date")
    LocalDate invoiceDate;

    @Field(name = "invoice_date_due", label = "Due Date", help = "Invoice date plus the payment term when posted without one")
    @Column(name = "invoice_date_due")
    LocalDate dueDate;

    @Field(label = "Payment Terms (days)", required = true)
    @Column(name = "payment_term_days")
    int paymentTermDays = 30;

    @Field(name = "invoice_origin", label = "Source Document", help = "The sales order it comes from, for example")
    @Column(name = "invoice_origin")
    String origin;

    @Field(label = "Reference", help = "The partner's reference (vendor bill number, customer PO)")
    String ref;

    @Field(label = "Terms and Conditions", type = FieldType.TEXT)
    String narration;

    @Field(label = "Status", type = FieldType.SELECTION, readonly = true,
            selection = {"draft:Draft", "posted:Posted", "cancel:Cancelled"})
    String state = DRAFT;

    @Field(label = "Payment Status", type = FieldType.SELECTION, readonly = true, computed = true,
            selection = {"not_paid:Not Paid", "partial:Partially Paid", "paid:Paid", "reversed:Reversed"})
    @Column(name = "payment_state")
    String paymentState = "not_paid";

    @Field(label = "Untaxed Amount", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_untaxed")
    BigDecimal amountUntaxed = BigDecimal.ZERO;

    @Field(label = "Tax", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_tax")
    BigDecimal amountTax = BigDecimal.ZERO;

    @Field(label = "Total", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_total")
    BigDecimal amountTotal = BigDecimal.ZERO;

    @Field(label = "Amount Due", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true,
            help = "What remains to be paid")
    @Column(name = "amount_residual")
    BigDecimal amountResidual = BigDecimal.ZERO;

    @ManyToOne
    @JoinColumn(name = "reversed_entry_id")
    @Field(name = "reversed_entry_id", label = "Reversal Of", readonly = true,
            help = "For a credit note: the invoice it reverses")
    Move reversedEntry;

    @OneToMany(mappedBy = "move", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence, id")
    @Field(name = "invoice_line_ids", label = "Invoice Lines")
    List<MoveLine> lines = new ArrayList<>();

    @Version
    long version;

    protected Move() {
    }

    public Move(String moveType, Partner partner, Company company) {
        this.moveType = moveType;
        this.partner = partner;
        this.company = company;
        this.currency = company.getCurrency();
    }

    public MoveLine addLine(dev.bastion.erp.product.Product product, String label, BigDecimal quantity,
                            BigDecimal unitPrice, BigDecimal discount, BigDecimal taxRate) {
        MoveLine line = new MoveLine(this, product, label, quantity, unitPrice, discount, taxRate);
        line.sequence = 10 * (lines.size() + 1);
        lines.add(line);
        recompute();
        return line;
    }

    /** Totals from the lines; a draft's amount due is its total. */
    @PrePersist
    @PreUpdate
    public void recompute() {
        recomputeWithout(null);
    }

    /** {@link #recompute()} as if {@code removed} (a line being deleted) were gone. */
    void recomputeWithout(MoveLine removed) {
        if (currency == null && company != null) {
            currency = company.getCurrency();
        }
        int decimals = decimals();
        BigDecimal untaxed = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (MoveLine line : lines) {
            if (line == removed) {
                continue;
            }
            line.compute(decimals);
            untaxed = untaxed.add(line.subtotal);
            total = total.add(line.total);
        }
        amountUntaxed = Money.round(untaxed, decimals);
        amountTotal = Money.round(total, decimals);
        amountTax = amountTotal.subtract(amountUntaxed);
        if (DRAFT.equals(state) || CANCEL.equals(state)) {
            amountResidual = DRAFT.equals(state) ? amountTotal : BigDecimal.ZERO;
        }
    }

    int decimals() {
        return currency == null ? 2 : currency.getDecimalPlaces();
    }

    /** "invoice INV/2026/00001", or "draft invoice #12" before posting. */
    public String describe() {
        String kind = switch (moveType) {
            case "out_refund", "in_refund" -> "credit note";
            case "in_invoice" -> "bill";
            default -> "invoice";
        };
        return "/".equals(name) ? (DRAFT.equals(state) ? "draft " : "") + kind + " #" + id : kind + " " + name;
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " " + describe() + " in state " + state);
        }
    }

    /** The journal an entry of this type is numbered in, and its number prefix. */
    public String journalCode() {
        return "account.move." + moveType;
    }

    public String journalPrefix() {
        return switch (moveType) {
            case "out_refund" -> "RINV/{year}/";
            case "in_invoice" -> "BILL/{year}/";
            case "in_refund" -> "RBILL/{year}/";
            default -> "INV/{year}/";
        };
    }

    public boolean isCustomerSide() {
        return moveType.startsWith("out_");
    }

    public boolean isRefund() {
        return moveType.endsWith("_refund");
    }

    /** Whether posting needs a new number (a re-posted draft keeps the one it had). */
    public boolean needsNumber() {
        return "/".equals(name);
    }

    /**
     * Posts the draft (a credit note settles the entry it reverses): dates default to {@code today} and the payment term, {@code number} is
     * given by the caller when {@link #needsNumber()}.
     */
    public void post(String number, LocalDate today) {
        require(DRAFT.equals(state), "post");
        if (lines.isEmpty()) {
            throw new IllegalStateException("cannot post " + describe() + ": it has no lines");
        }
        recompute();
        if (amountTotal.signum() < 0) {
            throw new IllegalStateException("cannot post " + describe() + " with a negative total; "
                    + "create a credit note instead");
        }
        if (invoiceDate == null) {
            invoiceDate = today;
        }
        if (dueDate == null) {
            dueDate = invoiceDate.plusDays(paymentTermDays);
        }
        if (dueDate.isBefore(invoiceDate)) {
            throw new IllegalStateException("cannot post " + describe() + ": due date " + dueDate
                    + " is before the invoice date " + invoiceDate);
        }
        if (needsNumber()) {
            name = number;
        }
        state = POSTED;
        amountResidual = amountTotal;
        paymentState = amountTotal.signum() == 0 ? "paid" : "not_paid";
        applyToReversedEntry();
        if (isCustomerSide()) {
            partner.commercialPartner().soldTo();
        } else {
            partner.commercialPartner().billedBy();
        }
    }

    /** Cancels a draft (a posted entry must be reset to draft first, as in Odoo). */
    public void cancel() {
        require(DRAFT.equals(state), "cancel");
        state = CANCEL;
        amountResidual = BigDecimal.ZERO;
    }

    /** Back to draft, from posted (only while nothing was paid or reversed) or cancelled. */
    public void resetToDraft(boolean hasPayments) {
        require(POSTED.equals(state) || CANCEL.equals(state), "reset to draft");
        if (hasPayments || "reversed".equals(paymentState) || POSTED.equals(state) && amountResidual.compareTo(amountTotal) != 0) {
            throw new IllegalStateException("cannot reset " + describe() + " to draft: payments or credit notes are "
                    + "applied to it");
        }
        state = DRAFT;
        paymentState = "not_paid";
        recompute();
    }

    /**
     * Registers {@code amount} paid on {@code date}: lowers the amount due and sets the
     * payment state. Returns the payment to persist.
     */
    public Payment pay(BigDecimal amount, LocalDate date) {
        require(POSTED.equals(state), "register a payment on");
        if (date == null) {
            throw new IllegalArgumentException("a payment date is required");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("the payment amount must be positive, got " + amount);
        }
        BigDecimal rounded = Money.round(amount, decimals());
        if (rounded.compareTo(amountResidual) > 0) {
            throw new IllegalArgumentException("the payment of " + rounded.toPlainString() + " exceeds the amount due "
                    + amountResidual.toPlainString() + " " + currency.getName() + " of " + describe());
        }
        settle(rounded);
        return new Payment(this, rounded, date);
    }

    /** Lowers the amount due by {@code amount} (a payment or a credit note). */
    void settle(BigDecimal amount) {
        amountResidual = amountResidual.subtract(amount);
        paymentState = amountResidual.signum() == 0 ? "paid" : "partial";
    }

    /**
     * A draft credit note for this posted invoice or bill, for its amount due, dated
     * {@code date}; posting it settles this entry ({@code reversed} when nothing was paid).
     */
    public Move reverse(LocalDate date) {
        require(POSTED.equals(state) && !isRefund(), "reverse");
        if (amountResidual.signum() == 0) {
            throw new IllegalStateException("cannot reverse " + describe() + ": nothing is due on it");
        }
        Move refund = new Move(isCustomerSide() ? "out_refund" : "in_refund", partner, company);
        refund.currency = currency;
        refund.salesperson = salesperson;
        refund.reversedEntry = this;
        refund.invoiceDate = date;
        refund.origin = name;
        refund.ref = "Reversal of: " + name;
        if (amountResidual.compareTo(amountTotal) == 0) {
            for (MoveLine l : lines) {
                refund.addLine(l.product, l.label, l.quantity, l.unitPrice, l.discount, l.taxRate);
            }
        } else {
            refund.addLine(null, "Reversal of the amount due of " + name, BigDecimal.ONE, amountResidual,
                    BigDecimal.ZERO, BigDecimal.ZERO);
        }
        return refund;
    }

    /** On posting a credit note: applies it to the entry it reverses. */
    private void applyToReversedEntry() {
        if (reversedEntry == null || !POSTED.equals(reversedEntry.state)) {
            return;
        }
        BigDecimal applied = amountTotal.min(reversedEntry.amountResidual);
        boolean untouched = reversedEntry.amountResidual.compareTo(reversedEntry.amountTotal) == 0;
        reversedEntry.settle(applied);
        if (untouched && reversedEntry.amountResidual.signum() == 0) {
            reversedEntry.paymentState = "reversed";
        }
        settle(applied);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Move getReversedEntry() {
        return reversedEntry;
    }

    public Partner getPartner() {
        return partner;
    }

    public String getState() {
        return state;
    }

    public String getPaymentState() {
        return paymentState;
    }

    public String getMoveType() {
        return moveType;
    }

    public Company getCompany() {
        return company;
    }

    public BigDecimal getAmountTotal() {
        return amountTotal;
    }

    public BigDecimal getAmountResidual() {
        return amountResidual;
    }

    public LocalDate getInvoiceDate() {
        return invoiceDate;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public List<MoveLine> getLines() {
        return lines;
    }

    public void setDates(LocalDate invoiceDate, LocalDate dueDate) {
        this.invoiceDate = invoiceDate;
        this.dueDate = dueDate;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public void setSalesperson(User salesperson) {
        this.salesperson = salesperson;
    }

    public void setCurrency(Currency currency) {
        this.currency = currency;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }
}
