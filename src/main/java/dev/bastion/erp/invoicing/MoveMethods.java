package dev.bastion.erp.invoicing;

import dev.bastion.erp.base.Numbering;
import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The business methods of {@code account.move}. Each runs in the caller's transaction, on
 * records the data engine already checked against the caller's rights; a refused transition
 * throws {@link IllegalStateException} with a message naming the record and its state, which
 * the engine returns to the client.
 */
@ApplicationScoped
@ModelMethods("account.move")
@Transactional(Transactional.TxType.MANDATORY)
public class MoveMethods {

    @Inject
    EntityManager em;

    @Inject
    Numbering numbering;

    @Inject
    Event<MoveStateChanged> changed;

    Clock clock = Clock.systemUTC();

    @Public(description = "Posts draft invoices and bills: gives each its number, sets the invoice date (today) "
            + "and the due date (invoice date + payment term) when empty. Refused for entries not in draft, "
            + "without lines or with a negative total.")
    public List<String> action_post(List<Move> moves) {
        List<String> numbers = new ArrayList<>();
        for (Move move : moves) {
            LocalDate today = today(move);
            LocalDate date = move.getInvoiceDate() == null ? today : move.getInvoiceDate();
            String number = move.needsNumber() && Move.DRAFT.equals(move.getState())
                    ? numbering.next(move.journalCode(), move.getCompany(), move.journalPrefix(), date) : null;
            move.post(number, today);
            numbers.add(move.getName());
            changed.fire(new MoveStateChanged(move));
            if (move.reversedEntry != null) {
                changed.fire(new MoveStateChanged(move.reversedEntry));
            }
        }
        return numbers;
    }

    @Public(description = "Cancels draft invoices and bills. A posted entry must be reset to draft first.",
            destructive = true)
    public void button_cancel(List<Move> moves) {
        for (Move move : moves) {
            move.cancel();
            changed.fire(new MoveStateChanged(move));
        }
    }

    @Public(description = "Resets posted or cancelled entries to draft; refused when payments or credit notes "
            + "are applied to them. A posted entry keeps its number.")
    public void button_draft(List<Move> moves) {
        for (Move move : moves) {
            long payments = em.createQuery("select count(p) from Payment p where p.move = :move", Long.class)
                    .setParameter("move", move).getSingleResult();
            move.resetToDraft(payments > 0);
            changed.fire(new MoveStateChanged(move));
        }
    }

    @Public(description = "Registers a payment of 'amount' (in the entry's currency) made on 'date' (YYYY-MM-DD) "
            + "against each posted entry; the payment state becomes partial or paid. Refused above the amount due.")
    public List<Payment> action_register_payment(List<Move> moves, BigDecimal amount, LocalDate date) {
        List<Payment> payments = new ArrayList<>();
        for (Move move : moves) {
            Payment payment = move.pay(amount, date);
            em.persist(payment);
            payments.add(payment);
            changed.fire(new MoveStateChanged(move));
        }
        return payments;
    }

    @Public(description = "Creates a draft credit note for the amount due of each posted invoice or bill, dated "
            + "today; posting it settles the original (payment state 'reversed' when nothing was paid).")
    public List<Move> action_reverse(List<Move> moves) {
        List<Move> refunds = new ArrayList<>();
        for (Move move : moves) {
            Move refund = move.reverse(today(move));
            em.persist(refund);
            refunds.add(refund);
        }
        return refunds;
    }

    /** Today in the company's time zone: an invoice posted at 23:30 in Brussels is dated that day. */
    LocalDate today(Move move) {
        return LocalDate.now(clock.withZone(ZoneId.of(move.getCompany().getTz())));
    }
}
