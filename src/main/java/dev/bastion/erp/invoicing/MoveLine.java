package dev.bastion.erp.invoicing;

import dev.bastion.erp.base.Money;
import dev.bastion.erp.product.Product;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/** One line of an invoice or bill: product, label, quantity, price, discount, tax rate, amounts. */
@Entity
@Table(name = "account_move_line")
@Model(name = "account.move.line", label = "Journal Item", module = "invoicing", order = "move_id, sequence, id",
        description = "Lines of invoices and bills; price_subtotal is before tax, price_total after")
public class MoveLine {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_move_line_seq")
    @SequenceGenerator(name = "account_move_line_seq", sequenceName = "account_move_line_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "move_id")
    @Field(label = "Journal Entry", required = true)
    Move move;

    int sequence = 10;

    @ManyToOne
    Product product;

    /** Defaults to the product's description when created without one. */
    @Field(name = "name", label = "Label", help = "Defaults to the product's name")
    @Column(name = "name")
    String label;

    @Field(help = "Defaults to 1")
    BigDecimal quantity;

    @Field(name = "price_unit", label = "Unit Price", help = "Defaults to the product's sales price")
    @Column(name = "price_unit")
    BigDecimal unitPrice;

    @Field(label = "Discount (%)")
    BigDecimal discount;

    @Field(label = "Tax Rate (%)", help = "Defaults to the product's tax rate")
    @Column(name = "tax_rate")
    BigDecimal taxRate;

    @Field(name = "price_subtotal", label = "Subtotal", type = FieldType.MONETARY, readonly = true, computed = true, help = "Before tax")
    @Column(name = "price_subtotal")
    BigDecimal subtotal = BigDecimal.ZERO;

    @Field(name = "price_total", label = "Total", type = FieldType.MONETARY, readonly = true, computed = true, help = "Tax included")
    @Column(name = "price_total")
    BigDecimal total = BigDecimal.ZERO;

    @Version
    long version;

    protected MoveLine() {
    }

    MoveLine(Move move, Product product, String label, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount,
             BigDecimal taxRate) {
        this.move = move;
        this.product = product;
        this.label = label;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.discount = discount;
        this.taxRate = taxRate;
    }

    /** Defaults from the product, then amounts in the entry's decimals. */
    void compute(int decimals) {
        if (label == null || label.isBlank()) {
            label = product == null ? "/" : product.lineDescription();
        }
        if (quantity == null) {
            quantity = BigDecimal.ONE;
        }
        if (unitPrice == null) {
            unitPrice = product == null ? BigDecimal.ZERO : product.getSalesPrice();
        }
        if (taxRate == null) {
            taxRate = product == null ? BigDecimal.ZERO : product.getTaxRate();
        }
        if (discount == null) {
            discount = BigDecimal.ZERO;
        }
        Money.checkPercent("discount", discount, true);
        Money.checkPercent("tax_rate", taxRate, false);
        subtotal = Money.subtotal(quantity, unitPrice, discount, decimals);
        total = subtotal.add(Money.tax(subtotal, taxRate, decimals));
    }

    /**
     * A line created, changed or deleted on its own (through the data engine) updates its
     * entry's totals too.
     */
    @PrePersist
    @PreUpdate
    void joinEntry() {
        if (!move.lines.contains(this)) {
            move.lines.add(this);
        }
        move.recompute();
    }

    @PreRemove
    void leaveEntry() {
        move.recomputeWithout(this);
    }

    public Product getProduct() {
        return product;
    }

    public BigDecimal getQuantity() {
        return quantity;
    }

    public BigDecimal getSubtotal() {
        return subtotal;
    }
}
