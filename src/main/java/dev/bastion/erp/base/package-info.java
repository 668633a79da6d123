/**
 * The {@code base} business module: companies ({@code res.company}), currencies, countries,
 * partners ({@code res.partner}: customers, suppliers, contacts), users ({@code res.users}) and
 * groups ({@code res.groups}) as JPA entities exposed through the data engine's annotations;
 * document numbering per company ({@link dev.bastion.erp.base.Numbering}), amount arithmetic
 * ({@link dev.bastion.erp.base.Money}) and the module registry
 * ({@link dev.bastion.erp.base.Modules}, one {@link dev.bastion.erp.base.ModuleDescriptor}
 * bean per module). Schema: Flyway V10-V19.
 *
 * <p>Users and groups only hold data here: the {@code access} package authenticates users
 * and turns groups into rights. Groups are referred to by their {@code xml_id}.
 *
 * <p>Implements issue 5 "ERP core / base". May import: JPA, CDI, {@code orm}. Never
 * {@code access}, {@code mcp.*} or the other {@code erp} modules.
 */
package dev.bastion.erp.base;
