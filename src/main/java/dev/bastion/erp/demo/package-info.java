/**
 * Demo data and benchmark volume for the ERP core. {@link dev.bastion.erp.demo.DemoDataSet}
 * builds a deterministic object graph (fixed seed, fixed reference date) through the
 * modules' own business logic; {@link dev.bastion.erp.demo.DemoLoader} writes it into an
 * empty database; {@link dev.bastion.erp.demo.DemoData} decides at startup from the
 * {@code bastion.demo-data} setting; {@link dev.bastion.erp.demo.VolumeLoader} bulk-loads
 * {@code bastion.demo-volume} partners and orders with JDBC batches for benchmarks.
 *
 * <p>Implements issue 5 "demo data" and "loader for large volumes". May import: JPA, CDI,
 * JTA, JDBC, Jakarta Concurrency, MP Config, every {@code erp} module, {@code settings},
 * {@code platform} (the {@code DatabaseReady} event). Nothing imports this package.
 */
package dev.bastion.erp.demo;
