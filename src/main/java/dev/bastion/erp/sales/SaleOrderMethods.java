package dev.bastion.erp.sales;

import dev.bastion.erp.invoicing.Move;
import dev.bastion.erp.invoicing.MoveStateChanged;
import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The business methods of {@code sale.order}. Each runs in the caller's transaction, on
 * records the data engine already checked against the caller's rights; a refused transition
 * throws {@link IllegalStateException} naming the order and its state, which the engine
 * returns to the client.
 */
@ApplicationScoped
@ModelMethods("sale.order")
@Transactional(Transactional.TxType.MANDATORY)
public class SaleOrderMethods {

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    @Public(description = "Marks quotations as sent to the customer (state sent). Refused for confirmed or "
            + "cancelled orders.")
    public void action_quotation_send(List<SaleOrder> orders) {
        orders.forEach(SaleOrder::send);
    }

    @Public(description = "Confirms quotations into sales orders (state sale), dated now; they become "
            + "'to invoice'. Refused for orders without lines, already confirmed or cancelled.")
    public void action_confirm(List<SaleOrder> orders) {
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        orders.forEach(o -> o.confirm(now));
    }

    @Public(description = "Cancels quotations or orders and their draft invoices. Refused while an order has a "
            + "posted invoice.", destructive = true)
    public void action_cancel(List<SaleOrder> orders) {
        orders.forEach(SaleOrder::cancel);
    }

    @Public(description = "Sets cancelled or sent quotations back to draft quotations.")
    public void action_draft(List<SaleOrder> orders) {
        orders.forEach(SaleOrder::resetToDraft);
    }

    @Public(description = "Creates one draft customer invoice per confirmed order, with all its lines; returns "
            + "the invoices' ids (account.move). Refused for orders not confirmed or already invoiced.")
    public List<Move> action_create_invoice(List<SaleOrder> orders) {
        List<Move> created = new ArrayList<>();
        for (SaleOrder order : orders) {
            Move invoice = order.invoice();
            em.persist(invoice);
            created.add(invoice);
        }
        return created;
    }

    /** An invoice changed state: the orders it was made from recompute their invoice status. */
    void follow(@Observes MoveStateChanged change) {
        em.createQuery("select o from SaleOrder o join o.invoices m where m = :move", SaleOrder.class)
                .setParameter("move", change.move()).getResultList().forEach(SaleOrder::followInvoices);
    }
}
