package dev.bastion.erp.product;

import dev.bastion.erp.base.Company;
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
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/**
 * A product or service that is sold or bought. With {@code company_id} empty every company
 * may use it. Prices are in the currency of the company that sells it.
 */
@Entity
@Table(name = "product_product")
@Model(name = "product.product", label = "Product", module = "product", order = "default_code, name, id",
        description = "Goods and services sold on orders and invoices; default_code is the internal reference")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_product_seq")
    @SequenceGenerator(name = "product_product_seq", sequenceName = "product_product_seq", allocationSize = 50)
    Long id;

    @Field(required = true)
    String name;

    @Field(name = "default_code", label = "Internal Reference", help = "Product code, e.g. FURN-0001")
    @Column(name = "default_code")
    String code;

    @Field(help = "EAN-13 or other barcode; unique")
    String barcode;

    @Field(label = "Product Type", type = FieldType.SELECTION, selection = {"consu:Goods", "service:Service"},
            required = true)
    String type = "consu";

    @ManyToOne
    @JoinColumn(name = "categ_id")
    @Field(name = "categ_id", label = "Product Category")
    Category category;

    @Field(name = "list_price", label = "Sales Price", type = FieldType.MONETARY, help = "Price per unit before tax", required = true)
    @Column(name = "list_price")
    BigDecimal salesPrice = BigDecimal.ZERO;

    @Field(name = "standard_price", label = "Cost", type = FieldType.MONETARY, help = "What one unit costs the company", required = true)
    @Column(name = "standard_price")
    BigDecimal cost = BigDecimal.ZERO;

    @Field(label = "Tax Rate (%)", help = "Sales tax percentage proposed on order and invoice lines", required = true)
    @Column(name = "tax_rate")
    BigDecimal taxRate = BigDecimal.ZERO;

    @Field(name = "description_sale", label = "Sales Description", type = FieldType.TEXT, help = "Text copied to order lines")
    @Column(name = "description_sale")
    String description;

    @ManyToOne
    @Field(help = "The company that sells it; empty when every company may")
    Company company;

    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected Product() {
    }

    public Product(String name, String code, String type, Category category, BigDecimal salesPrice, BigDecimal cost,
                   BigDecimal taxRate, Company company) {
        this.name = name;
        this.code = code;
        this.type = type;
        this.category = category;
        this.salesPrice = salesPrice;
        this.cost = cost;
        this.taxRate = taxRate;
        this.company = company;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCode() {
        return code;
    }

    public BigDecimal getSalesPrice() {
        return salesPrice;
    }

    public BigDecimal getCost() {
        return cost;
    }

    public BigDecimal getTaxRate() {
        return taxRate;
    }

    public Company getCompany() {
        return company;
    }

    public void setBarcode(String barcode) {
        this.barcode = barcode;
    }

    /** The text a document line about this product starts with: "[CODE] Name" plus the sales description. */
    public String lineDescription() {
        String head = code == null ? name : "[" + code + "] " + name;
        return description == null || description.isBlank() ? head : head + "\n" + description;
    }
}
