package dev.bastion.erp.invoicing;

/**
 * Fired (synchronously, in the changing transaction) after an invoice or bill was posted,
 * cancelled, reset to draft, paid or reversed, so that documents it was made from (sales
 * orders) update what they derive from it without this module knowing them.
 */
public record MoveStateChanged(Move move) {
}
