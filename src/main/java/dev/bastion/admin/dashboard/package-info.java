/**
 * The dashboard ({@code /admin/dashboard.xhtml}, administrators only): what this installation
 * holds at a glance, counted through the data engine with the administrator's rights, and charts
 * of the audit trail for the last hour, day or week ({@code ?period=hour|day|week}): requests per
 * minute (and those not {@code ok}), the 95th percentile of their duration, the sessions making
 * requests, failed requests by outcome, requests refused at the door by kind and the most called
 * tools, all from {@code audit.AuditStatistics} (per-minute totals, not the entries). The
 * charts are {@code p:chart}, whose value is a Chart.js configuration written with JSON-P.
 *
 * <p>May import: {@code admin}, {@code orm}, {@code audit} (its statistics), {@code mcp.spi}, Faces.
 */
package dev.bastion.admin.dashboard;
