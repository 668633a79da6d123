package dev.bastion.erp.base;

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
import java.time.LocalDate;

/**
 * The next document number of one kind ({@code code}) in one company. Internal: not a
 * business model, so clients cannot rewind numbering; {@link Numbering} is its only user.
 */
@Entity
@Table(name = "ir_sequence")
public class NumberSequence {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ir_sequence_seq")
    @SequenceGenerator(name = "ir_sequence_seq", sequenceName = "ir_sequence_seq", allocationSize = 50)
    Long id;

    String code;

    @ManyToOne(optional = false)
    @JoinColumn(name = "company_id")
    Company company;

    /** May hold {@code {year}}, replaced by the document date's year. */
    String prefix;

    int padding;

    @Column(name = "next_number")
    long nextNumber = 1;

    @Version
    long version;

    protected NumberSequence() {
    }

    NumberSequence(String code, Company company, String prefix, int padding) {
        this.code = code;
        this.company = company;
        this.prefix = prefix;
        this.padding = padding;
    }

    /** Takes the next number, formatted for a document dated {@code date}. */
    String take(LocalDate date) {
        return format(prefix, padding, nextNumber++, date);
    }

    /** {@code S} + 5 digits, or {@code INV/{year}/} + 5 digits with the year filled in. */
    public static String format(String prefix, int padding, long number, LocalDate date) {
        String digits = String.valueOf(number);
        if (digits.length() < padding) {
            digits = "0".repeat(padding - digits.length()) + digits;
        }
        return prefix.replace("{year}", String.valueOf(date.getYear())) + digits;
    }

    /** Moves the counter past numbers given out elsewhere (bulk loaders). */
    void skipTo(long next) {
        nextNumber = Math.max(nextNumber, next);
    }
}
