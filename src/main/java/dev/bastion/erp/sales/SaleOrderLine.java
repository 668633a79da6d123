package dev.bastion.erp.sales;

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

/** One line of a quotation or order: product, description, quantity, unit price, discount, tax rate, amounts. */
@Entity
@Table(name = "sale_order_line")
@Model(name = "sale.order.line", label = "Sales Order Line", module = "sales", order = "order_id, sequence, id",
        description = "Lines of quotations and orders; price_subtotal is before tax, price_total after")
public class SaleOrderLine {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sale_order_line_seq")
    @SequenceGenerator(name = "sale_order_line_seq", sequenceName = "sale_order_line_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "order_id")
    @Field(label = "Order Reference", required = true)
    SaleOrder order;

    int sequence = 10;

    @ManyToOne
    Product product;

    /** Defaults to the product's description when created without one. */
    @Field(name = "name", label = "Description", type = FieldType.TEXT, help = "Defaults to the product's name")
    @Column(name = "name")
    String description;

    @Field(name = "product_uom_qty", label = "Quantity", help = "Defaults to 1")
    @Column(name = "product_uom_qty")
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

    @Field(name = "price_tax", label = "Total Tax", type = FieldType.MONETARY, readonly = true, computed = true)
    @Column(name = "price_tax")
    BigDecimal tax = BigDecimal.ZERO;

    @Field(name = "price_total", label = "Total", type = FieldType.MONETARY, readonly = true, computed = true, help = "Tax included")
    @Column(name = "price_total")
    BigDecimal total = BigDecimal.ZERO;

    @Version
    long version;

    protected SaleOrderLine() {
    }

    SaleOrderLine(SaleOrder order, Product product, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount) {
        this.order = order;
        this.product = product;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.discount = discount;
    }

    /** Defaults from the product, then amounts in the order's decimals. */
    void compute(int decimals) {
        if (description == null || description.isBlank()) {
            description = product == null ? "/" : product.lineDescription();
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
        tax = Money.tax(subtotal, taxRate, decimals);
        total = subtotal.add(tax);
    }

    /**
     * A line created, changed or deleted on its own (through the data engine) updates its
     * order's totals too.
     */
    @PrePersist
    @PreUpdate
    void joinOrder() {
        if (!order.lines.contains(this)) {
            order.lines.add(this);
        }
        order.recompute();
    }

    @PreRemove
    void leaveOrder() {
        order.recomputeWithout(this);
    }

    /** Sets the tax rate instead of the product's (a company's local rate). */
    public SaleOrderLine withTaxRate(BigDecimal rate) {
        this.taxRate = rate;
        order.recompute();
        return this;
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

    public BigDecimal getTax() {
        return tax;
    }
}
