package dev.bastion.erp.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void subtotalAppliesDiscountAndRoundsHalfUp() {
        assertEquals(d("29.97"), Money.subtotal(d("3"), d("9.99"), null, 2));
        assertEquals(d("26.97"), Money.subtotal(d("3"), d("9.99"), d("10"), 2), "29.97 less 10% is 26.973");
        assertEquals(d("0.01"), Money.subtotal(d("1"), d("0.005"), BigDecimal.ZERO, 2), "half a cent rounds up");
        assertEquals(d("1235"), Money.subtotal(d("1"), d("1234.5"), null, 0), "yen have no decimals");
    }

    @Test
    void taxIsRoundedPerLine() {
        assertEquals(d("6.29"), Money.tax(d("29.97"), d("21"), 2), "6.2937");
        assertEquals(d("0.00"), Money.tax(d("29.97"), null, 2));
    }

    @Test
    void percentagesOutsideTheirRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Money.checkPercent("discount", d("120"), true));
        assertEquals("discount must be between 0 and 100, got 120", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.checkPercent("tax_rate", d("-1"), false));
        Money.checkPercent("tax_rate", d("150"), false);
    }

    @Test
    void numbersArePaddedAndPrefixedWithTheDocumentYear() {
        assertEquals("S00042", NumberSequence.format("S", 5, 42, LocalDate.of(2026, 1, 1)));
        assertEquals("INV/2025/00001", NumberSequence.format("INV/{year}/", 5, 1, LocalDate.of(2025, 12, 31)));
        assertEquals("S123456", NumberSequence.format("S", 5, 123456, LocalDate.of(2026, 1, 1)), "never cut");
    }
}
