package dev.bastion.erp.sales;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Money;
import dev.bastion.erp.base.Partner;
import dev.bastion.erp.base.User;
import dev.bastion.erp.invoicing.Move;
import dev.bastion.erp.product.Product;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A quotation, then (confirmed) a sales order. Numbered per company when created
 * ({@link SaleOrderNumbering}); totals are the sums of its lines' rounded amounts;
 * {@code invoice_status} follows its invoices.
 *
 * <p>The state machine is plain Java here ({@link #send}, {@link #confirm}, {@link #cancel},
 * {@link #resetToDraft}, {@link #invoice}) so it is unit-tested without a database;
 * {@link SaleOrderMethods} exposes it to clients.
 */
@Entity
@Table(name = "sale_order")
@EntityListeners(SaleOrderNumbering.class)
@Model(name = "sale.order", label = "Sales Order", module = "sales", order = "date_order desc, id desc",
        description = "Quotations (state draft, sent) and sales orders (state sale); cancelled ones have state cancel. "
                + "invoice_status: no, to invoice, invoiced")
public class SaleOrder {

    public static final String DRAFT = "draft";
    public static final String SENT = "sent";
    public static final String SALE = "sale";
    public static final String CANCEL = "cancel";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sale_order_seq")
    @SequenceGenerator(name = "sale_order_seq", sequenceName = "sale_order_seq", allocationSize = 50)
    Long id;

    @Field(label = "Order Reference", help = "Numbered per company when created, e.g. S00042", readonly = true)
    String name;

    @ManyToOne(optional = false)
    @JoinColumn(name = "partner_id")
    @Field(label = "Customer", required = true)
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
    @JoinColumn(name = "user_id")
    @Field(name = "user_id", label = "Salesperson")
    User salesperson;

    @Field(label = "Order Date", help = "Creation, then confirmation date and time; defaults to now")
    @Column(name = "date_order")
    LocalDateTime dateOrder;

    @Field(label = "Expiration", help = "The quotation's offer is valid until this date")
    @Column(name = "validity_date")
    LocalDate validityDate;

    @Field(label = "Customer Reference")
    @Column(name = "client_order_ref")
    String clientOrderRef;

    @Field(label = "Terms and Conditions", type = FieldType.TEXT)
    String note;

    @Field(label = "Status", type = FieldType.SELECTION, readonly = true,
            selection = {"draft:Quotation", "sent:Quotation Sent", "sale:Sales Order", "cancel:Cancelled"})
    String state = DRAFT;

    @Field(label = "Invoice Status", type = FieldType.SELECTION, readonly = true, computed = true,
            selection = {"no:Nothing to Invoice", "to invoice:To Invoice", "invoiced:Fully Invoiced"})
    @Column(name = "invoice_status")
    String invoiceStatus = "no";

    @Field(label = "Untaxed Amount", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_untaxed")
    BigDecimal amountUntaxed = BigDecimal.ZERO;

    @Field(label = "Taxes", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_tax")
    BigDecimal amountTax = BigDecimal.ZERO;

    @Field(label = "Total", type = FieldType.MONETARY, currencyField = "currency_id", readonly = true, computed = true)
    @Column(name = "amount_total")
    BigDecimal amountTotal = BigDecimal.ZERO;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sequence, id")
    @Field(name = "order_line", label = "Order Lines")
    List<SaleOrderLine> lines = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "sale_order_invoice_rel", joinColumns = @JoinColumn(name = "order_id"),
            inverseJoinColumns = @JoinColumn(name = "invoice_id"))
    @Field(name = "invoice_ids", label = "Invoices", readonly = true)
    List<Move> invoices = new ArrayList<>();

    @Version
    long version;

    protected SaleOrder() {
    }

    public SaleOrder(Partner partner, Company company, User salesperson, LocalDateTime dateOrder) {
        this.partner = partner;
        this.company = company;
        this.currency = company.getCurrency();
        this.salesperson = salesperson;
        this.dateOrder = dateOrder;
    }

    public SaleOrderLine addLine(Product product, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount) {
        SaleOrderLine line = new SaleOrderLine(this, product, quantity, unitPrice, discount);
        line.sequence = 10 * (lines.size() + 1);
        lines.add(line);
        recompute();
        return line;
    }

    /** Defaults, then totals from the lines. */
    @PrePersist
    @PreUpdate
    public void recompute() {
        recomputeWithout(null);
    }

    void recomputeWithout(SaleOrderLine removed) {
        if (currency == null && company != null) {
            currency = company.getCurrency();
        }
        if (dateOrder == null) {
            dateOrder = LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        }
        int decimals = currency == null ? 2 : currency.getDecimalPlaces();
        BigDecimal untaxed = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (SaleOrderLine line : lines) {
            if (line == removed) {
                continue;
            }
            line.compute(decimals);
            untaxed = untaxed.add(line.subtotal);
            tax = tax.add(line.tax);
        }
        amountUntaxed = Money.round(untaxed, decimals);
        amountTax = Money.round(tax, decimals);
        amountTotal = amountUntaxed.add(amountTax);
    }

    /** "order S00042" ("quotation S00042" before confirmation). */
    public String describe() {
        return (SALE.equals(state) ? "order " : "quotation ") + (name == null ? "#" + id : name);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " " + describe() + " in state " + state);
        }
    }

    /** Marks the quotation sent to the customer. */
    public void send() {
        require(DRAFT.equals(state) || SENT.equals(state), "send");
        state = SENT;
    }

    /** Confirms the quotation into an order, dated {@code now} (UTC), as Odoo does. */
    public void confirm(LocalDateTime now) {
        require(DRAFT.equals(state) || SENT.equals(state), "confirm");
        if (lines.isEmpty()) {
            throw new IllegalStateException("cannot confirm " + describe() + ": it has no lines");
        }
        state = SALE;
        dateOrder = now;
        partner.commercialPartner().soldTo();
        recompute();
        followInvoices();
    }

    /**
     * Cancels the quotation or order; its draft invoices are cancelled with it. Refused while
     * a posted invoice exists.
     */
    public List<Move> cancel() {
        require(!CANCEL.equals(state), "cancel");
        List<Move> drafts = new ArrayList<>();
        for (Move invoice : invoices) {
            if (Move.POSTED.equals(invoice.getState())) {
                throw new IllegalStateException("cannot cancel " + describe() + ": " + invoice.describe()
                        + " is posted; reverse or reset it first");
            }
            if (Move.DRAFT.equals(invoice.getState())) {
                drafts.add(invoice);
            }
        }
        drafts.forEach(Move::cancel);
        state = CANCEL;
        followInvoices();
        return drafts;
    }

    /** Back to quotation, from cancelled or sent. */
    public void resetToDraft() {
        require(CANCEL.equals(state) || SENT.equals(state), "set to quotation");
        state = DRAFT;
        followInvoices();
    }

    /**
     * The draft customer invoice for the whole order: every line, the order's partner,
     * salesperson and currency. Refused unless the order is confirmed and not invoiced yet.
     */
    public Move invoice() {
        require(SALE.equals(state), "invoice");
        if (!"to invoice".equals(invoiceStatus)) {
            throw new IllegalStateException("cannot invoice " + describe() + ": it is already invoiced "
                    + invoices.stream().filter(m -> !Move.CANCEL.equals(m.getState())).map(Move::describe).toList());
        }
        Move invoice = new Move("out_invoice", partner.commercialPartner(), company);
        invoice.setCurrency(currency);
        invoice.setSalesperson(salesperson);
        invoice.setOrigin(name);
        invoice.setRef(clientOrderRef);
        for (SaleOrderLine l : lines) {
            invoice.addLine(l.product, l.description, l.quantity, l.unitPrice, l.discount, l.taxRate);
        }
        invoices.add(invoice);
        followInvoices();
        return invoice;
    }

    /** invoice_status: nothing to invoice before confirmation, invoiced while a live invoice exists. */
    public void followInvoices() {
        if (!SALE.equals(state)) {
            invoiceStatus = "no";
        } else {
            boolean invoiced = invoices.stream().anyMatch(m -> !Move.CANCEL.equals(m.getState()));
            invoiceStatus = invoiced ? "invoiced" : "to invoice";
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** Names the order; loaders that number orders themselves call it before persisting. */
    public void setName(String name) {
        this.name = name;
    }

    public String getState() {
        return state;
    }

    public String getInvoiceStatus() {
        return invoiceStatus;
    }

    public Company getCompany() {
        return company;
    }

    public LocalDateTime getDateOrder() {
        return dateOrder;
    }

    public BigDecimal getAmountUntaxed() {
        return amountUntaxed;
    }

    public BigDecimal getAmountTax() {
        return amountTax;
    }

    public BigDecimal getAmountTotal() {
        return amountTotal;
    }

    public List<SaleOrderLine> getLines() {
        return lines;
    }

    public List<Move> getInvoices() {
        return invoices;
    }

    public void setValidityDate(LocalDate validityDate) {
        this.validityDate = validityDate;
    }

    public void setClientOrderRef(String ref) {
        this.clientOrderRef = ref;
    }
}
