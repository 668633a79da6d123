package dev.bastion.erp.sales;

import dev.bastion.erp.base.Numbering;
import jakarta.inject.Inject;
import jakarta.persistence.PrePersist;
import java.time.ZoneId;

/**
 * Gives a new order without a number the next one of its company ({@code S00001}), in a
 * transaction of its own so that concurrent creators do not queue behind each other (a
 * rolled-back creation leaves a gap, as Odoo's order numbers may). Loaders that number in
 * their own transaction set the name before persisting.
 */
public class SaleOrderNumbering {

    public static final String CODE = "sale.order";
    public static final String PREFIX = "S";

    @Inject
    Numbering numbering;

    @PrePersist
    void number(SaleOrder order) {
        if (order.getName() == null || order.getName().isBlank()) {
            order.recompute();
            var date = order.getDateOrder().atZone(java.time.ZoneOffset.UTC)
                    .withZoneSameInstant(ZoneId.of(order.getCompany().getTz())).toLocalDate();
            order.setName(numbering.nextDetached(CODE, order.getCompany().getId(), PREFIX, date));
        }
    }
}
