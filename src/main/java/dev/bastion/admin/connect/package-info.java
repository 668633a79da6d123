/**
 * Connect ({@code /admin/connect.xhtml}): ready-to-paste configurations of the MCP clients people
 * use, with this server's public address and, once the user asks for it, a key issued for them
 * (shown once, like every key).
 *
 * <p>May import: {@code admin}, {@code access}, {@code orm}, Faces, Servlet.
 */
package dev.bastion.admin.connect;
