package dev.bastion.erp.base;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amount arithmetic shared by order and invoice lines, in {@link BigDecimal} so that cents
 * never drift: every amount is rounded half-up to the currency's decimals, per line, and
 * totals are sums of rounded line amounts (Odoo's "round per line").
 */
public final class Money {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount, int decimals) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** quantity × unit price × (1 − discount %), rounded. */
    public static BigDecimal subtotal(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent, int decimals) {
        BigDecimal gross = nz(quantity).multiply(nz(unitPrice));
        BigDecimal factor = BigDecimal.ONE.subtract(nz(discountPercent).divide(HUNDRED));
        return round(gross.multiply(factor), decimals);
    }

    /** The tax on {@code subtotal} at {@code ratePercent}, rounded. */
    public static BigDecimal tax(BigDecimal subtotal, BigDecimal ratePercent, int decimals) {
        return round(nz(subtotal).multiply(nz(ratePercent)).divide(HUNDRED), decimals);
    }

    /**
     * Refuses a percentage outside 0..100 (discounts) or a negative one (tax rates), naming
     * the field.
     */
    public static void checkPercent(String field, BigDecimal value, boolean capAtHundred) {
        if (value != null && (value.signum() < 0 || capAtHundred && value.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException(field + (capAtHundred ? " must be between 0 and 100" : " must not be negative")
                    + ", got " + value.toPlainString());
        }
    }

    public static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
