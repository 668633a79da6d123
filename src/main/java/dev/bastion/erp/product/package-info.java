/**
 * The {@code product} business module: {@code product.category} and {@code product.product}
 * (code, barcode, sales price, cost, goods or service, default tax rate, company). Schema:
 * Flyway V20-V24.
 *
 * <p>Implements issue 5 "ERP core / product". May import: JPA, CDI, {@code orm},
 * {@code erp.base}.
 */
package dev.bastion.erp.product;
