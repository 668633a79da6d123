/**
 * The {@code invoicing} business module: {@code account.move} (customer invoices, vendor
 * bills, credit notes; gap-free numbering on posting; payment state from the amount due),
 * {@code account.move.line} and {@code account.payment}; the business methods
 * {@code action_post}, {@code button_cancel}, {@code button_draft},
 * {@code action_register_payment(amount, date)} and {@code action_reverse}
 * ({@link dev.bastion.erp.invoicing.MoveMethods}). Announces state changes with
 * {@link dev.bastion.erp.invoicing.MoveStateChanged} so that modules built on it (sales)
 * follow without being imported here. Schema: Flyway V30-V34.
 *
 * <p>Implements issue 5 "ERP core / invoicing". May import: JPA, CDI, JTA, {@code orm},
 * {@code erp.base}, {@code erp.product}. Never {@code erp.sales}.
 */
package dev.bastion.erp.invoicing;
