package dev.bastion.erp.invoicing;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Partner;
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
import java.time.LocalDate;

/**
 * A payment registered against an invoice or bill by {@code action_register_payment}. Every
 * field is read-only for clients: payments are made through that method only.
 */
@Entity
@Table(name = "account_payment")
@Model(name = "account.payment", label = "Payment", module = "invoicing", order = "date desc, id desc",
        description = "Payments registered on invoices and bills (through account.move action_register_payment)")
public class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_payment_seq")
    @SequenceGenerator(name = "account_payment_seq", sequenceName = "account_payment_seq", allocationSize = 50)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "move_id")
    @Field(label = "Invoice", readonly = true)
    Move move;

    @ManyToOne(optional = false)
    @JoinColumn(name = "partner_id")
    @Field(readonly = true)
    Partner partner;

    @ManyToOne(optional = false)
    @JoinColumn(name = "company_id")
    @Field(readonly = true)
    Company company;

    @ManyToOne(optional = false)
    @JoinColumn(name = "currency_id")
    @Field(readonly = true)
    Currency currency;

    @Field(readonly = true)
    @Column(name = "payment_date")
    LocalDate date;

    @Field(type = FieldType.MONETARY, currencyField = "currency_id", readonly = true)
    BigDecimal amount;

    @Field(readonly = true)
    String memo;

    @Version
    long version;

    protected Payment() {
    }

    Payment(Move move, BigDecimal amount, LocalDate date) {
        this.move = move;
        this.partner = move.partner;
        this.company = move.company;
        this.currency = move.currency;
        this.amount = amount;
        this.date = date;
        this.memo = move.name;
    }

    public Long getId() {
        return id;
    }

    public BigDecimal getAmount() {
        return amount;
    }
}
