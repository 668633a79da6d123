package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer, supplier or contact: companies ({@code is_company}) and the people working for
 * them ({@code parent_id}). With {@code company_id} empty a partner is shared by every company.
 */
@Entity
@Table(name = "res_partner")
@Model(name = "res.partner", label = "Contact", module = "base", order = "name, id",
        description = "Customers, suppliers and their contacts; customer_rank > 0 marks customers, "
                + "supplier_rank > 0 suppliers; company_id empty means shared by all companies")
public class Partner {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_partner_seq")
    @SequenceGenerator(name = "res_partner_seq", sequenceName = "res_partner_seq", allocationSize = 50)
    Long id;

    @Field(required = true)
    String name;

    @Field(label = "Is a Company", help = "A company rather than a person")
    @Column(name = "is_company")
    Boolean isCompany = Boolean.FALSE;

    @ManyToOne
    @Field(label = "Related Company", help = "The company this contact works for")
    Partner parent;

    @OneToMany(mappedBy = "parent")
    @Field(name = "child_ids", label = "Contacts")
    List<Partner> children = new ArrayList<>();

    @ManyToOne
    @Field(help = "The company that owns this partner; empty when every company shares it")
    Company company;

    @Field(label = "Reference", help = "Internal reference")
    String ref;

    @Field(name = "function", label = "Job Position")
    @Column(name = "function_name")
    String jobPosition;

    String street;

    String street2;

    String city;

    String zip;

    @ManyToOne
    Country country;

    String email;

    String phone;

    @Field(label = "Tax ID", help = "VAT or other tax identification number")
    String vat;

    @Field(label = "Language", help = "Language documents are written in, e.g. en_US")
    String lang;

    @Field(label = "Customer Rank", help = "Greater than 0 for customers (how often they bought)")
    @Column(name = "customer_rank")
    int customerRank;

    @Field(label = "Supplier Rank", help = "Greater than 0 for suppliers (how often they were billed)")
    @Column(name = "supplier_rank")
    int supplierRank;

    @Field(label = "Notes", type = FieldType.TEXT)
    String comment;

    @Field(help = "Archived partners are hidden from searches unless asked for")
    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected Partner() {
    }

    /** A company partner. */
    public static Partner company(String name, Company owner) {
        Partner p = new Partner();
        p.name = name;
        p.isCompany = Boolean.TRUE;
        p.company = owner;
        return p;
    }

    /** A person working for {@code parent} (or on their own when it is null). */
    public static Partner contact(String name, Partner parent, String jobPosition) {
        Partner p = new Partner();
        p.name = name;
        p.parent = parent;
        p.jobPosition = jobPosition;
        if (parent != null) {
            p.company = parent.company;
            p.country = parent.country;
            parent.children.add(p);
        }
        return p;
    }

    public Partner address(String street, String zip, String city, Country country) {
        this.street = street;
        this.zip = zip;
        this.city = city;
        this.country = country;
        return this;
    }

    public Partner reach(String email, String phone) {
        this.email = email;
        this.phone = phone;
        return this;
    }

    public Partner ranks(int customer, int supplier) {
        this.customerRank = customer;
        this.supplierRank = supplier;
        return this;
    }

    public Partner ownedBy(Company owner) {
        this.company = owner;
        return this;
    }

    public Partner vat(String vat) {
        this.vat = vat;
        return this;
    }

    public void archive() {
        this.active = Boolean.FALSE;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Partner getParent() {
        return parent;
    }

    public Company getCompany() {
        return company;
    }

    /** The partner documents are addressed to: the company for a contact of one, else itself. */
    public Partner commercialPartner() {
        return parent != null && !Boolean.TRUE.equals(isCompany) ? parent.commercialPartner() : this;
    }

    /** Counts one more sale to this partner (Odoo's customer_rank). */
    public void soldTo() {
        customerRank++;
    }

    /** Counts one more bill from this partner (Odoo's supplier_rank). */
    public void billedBy() {
        supplierRank++;
    }
}
