/**
 * The {@code sales} business module: {@code sale.order} (numbered per company, totals from
 * the lines, invoice status following its invoices) and {@code sale.order.line}; the business
 * methods {@code action_quotation_send}, {@code action_confirm}, {@code action_cancel},
 * {@code action_draft} and {@code action_create_invoice}
 * ({@link dev.bastion.erp.sales.SaleOrderMethods}). Schema: Flyway V25-V29, plus the order to
 * invoice link in V31 (it needs the invoicing tables).
 *
 * <p>Implements issue 5 "ERP core / sales". May import: JPA, CDI, JTA, {@code orm},
 * {@code erp.base}, {@code erp.product}, {@code erp.invoicing}.
 */
package dev.bastion.erp.sales;
