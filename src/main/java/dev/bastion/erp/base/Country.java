package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A country (ISO 3166-1 alpha-2 code). */
@Entity
@Table(name = "res_country")
@Model(name = "res.country", label = "Country", module = "base", order = "name",
        description = "Countries by ISO 3166-1 alpha-2 code, with their usual currency")
public class Country {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_country_seq")
    @SequenceGenerator(name = "res_country_seq", sequenceName = "res_country_seq", allocationSize = 50)
    Long id;

    @Field(label = "Country Code", help = "ISO 3166-1 alpha-2, e.g. BE", required = true)
    String code;

    @Field(label = "Country Name", required = true)
    String name;

    @ManyToOne
    Currency currency;

    @Field(label = "Country Calling Code")
    @Column(name = "phone_code")
    Integer phoneCode;

    @Version
    long version;

    protected Country() {
    }

    public Country(String code, String name, Currency currency) {
        this.code = code;
        this.name = name;
        this.currency = currency;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }
}
