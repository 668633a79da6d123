/**
 * The dashboard ({@code /admin/dashboard.xhtml}, administrators only): what this installation
 * holds at a glance, counted through the data engine with the administrator's rights. The charts
 * over the audit (requests per minute, errors, top tools) belong here next.
 *
 * <p>May import: {@code admin}, {@code orm}, Faces.
 */
package dev.bastion.admin.dashboard;
