/**
 * The admin console at {@code /admin}: Jakarta Faces pages with PrimeFaces, one package per
 * screen ({@code admin.<screen>}, matching the page URL) holding its {@code *Backing} bean, and
 * here what every page shares: who is signed in ({@link dev.bastion.admin.Console}) and how a
 * refusal of the engine becomes a message on the page. The console is another client of the same
 * services as MCP: backing beans call {@code orm.Records} and the {@code access} services with
 * the signed-in user's own rights, never JPA. Who may open which page is decided before Faces
 * runs, by {@code access.BastionAuthentication}.
 *
 * <p>Rows shown in tables are records; Payara's EL 5.0 does not see record components as
 * properties, so pages call them as methods ({@code #{k.name()}}).
 *
 * <p>May import: anything but {@code mcp.transport}. Nothing imports this package.
 */
package dev.bastion.admin;
