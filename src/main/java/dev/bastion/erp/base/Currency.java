package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A currency (ISO 4217 code) and how many decimals its amounts carry. */
@Entity
@Table(name = "res_currency")
@Model(name = "res.currency", label = "Currency", module = "base", order = "name",
        description = "Currencies by ISO 4217 code; every company, order and invoice is in one")
public class Currency {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_currency_seq")
    @SequenceGenerator(name = "res_currency_seq", sequenceName = "res_currency_seq", allocationSize = 50)
    Long id;

    @Field(label = "Currency", help = "ISO 4217 code, e.g. EUR", required = true)
    String name;

    @Field(label = "Name", required = true)
    @Column(name = "full_name")
    String fullName;

    @Field(required = true)
    String symbol;

    @Field(label = "Decimal Places", help = "Digits after the decimal point amounts are rounded to")
    @Column(name = "decimal_places")
    int decimalPlaces = 2;

    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected Currency() {
    }

    public Currency(String code, String fullName, String symbol, int decimalPlaces) {
        this.name = code;
        this.fullName = fullName;
        this.symbol = symbol;
        this.decimalPlaces = decimalPlaces;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getDecimalPlaces() {
        return decimalPlaces;
    }
}
