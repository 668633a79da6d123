package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A company: the unit of multi-company separation. Company-bound records carry
 * {@code company_id}; users see the companies in their {@code company_ids}.
 */
@Entity
// Not in the shared cache, unlike its currency and country: under 50 concurrent clients EclipseLink
// left readers of a shared Company stuck on its cache key ("Stuck thread problem", 40 s) while
// writers merged records that point to it.
@Table(name = "res_company")
@Model(name = "res.company", label = "Company", module = "base", order = "name",
        description = "Companies: each has its currency and time zone; documents belong to one company")
public class Company {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_company_seq")
    @SequenceGenerator(name = "res_company_seq", sequenceName = "res_company_seq", allocationSize = 50)
    Long id;

    @Field(label = "Company Name", required = true)
    String name;

    @ManyToOne(optional = false)
    @JoinColumn(name = "currency_id")
    @Field(required = true, help = "The company's accounting currency")
    Currency currency;

    @ManyToOne
    Country country;

    @Field(label = "Timezone", help = "IANA zone the company works in, e.g. Europe/Brussels", required = true)
    String tz = "UTC";

    @ManyToOne
    @Field(label = "Parent Company")
    Company parent;

    String email;

    String phone;

    @Field(label = "Tax ID")
    String vat;

    String street;

    String city;

    String zip;

    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected Company() {
    }

    public Company(String name, Currency currency, Country country, String tz) {
        this.name = name;
        this.currency = currency;
        this.country = country;
        this.tz = tz;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Currency getCurrency() {
        return currency;
    }

    public Country getCountry() {
        return country;
    }

    public String getTz() {
        return tz;
    }

    /** Renames and re-homes the company (demo data turns the seeded main company into its own). */
    public void describe(String name, Currency currency, Country country, String tz, Company parent) {
        this.name = name;
        this.currency = currency;
        this.country = country;
        this.tz = tz;
        this.parent = parent;
    }

    public void contact(String street, String zip, String city, String email, String phone, String vat) {
        this.street = street;
        this.zip = zip;
        this.city = city;
        this.email = email;
        this.phone = phone;
        this.vat = vat;
    }
}
