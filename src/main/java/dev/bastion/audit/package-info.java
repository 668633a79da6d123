/**
 * The audit trail: one entry per JSON-RPC message to {@code /mcp} and {@code /mcp/message}
 * (and per request that carried none, refused ones included), built from the transport's
 * {@code RequestCompleted} event ({@link dev.bastion.audit.AuditTrail}), stored off the
 * request path in batches that never roll back with the business transaction
 * ({@link dev.bastion.audit.AuditWriter}), hash-chained per writer so that an edited,
 * deleted or inserted entry is found ({@link dev.bastion.audit.AuditVerifier}), purged by
 * {@code bastion.audit.retention} without breaking the chain
 * ({@link dev.bastion.audit.AuditRetention}), and served read-only to MCP administrators as
 * the model {@code mcp.audit.log} ({@link dev.bastion.audit.AuditEntry}). What people do in the
 * admin console, which no MCP event sees, is recorded through
 * {@link dev.bastion.audit.ConsoleAudit}. SIEM tools fetch a
 * time range as JSON Lines or CSV from {@code GET /audit/export}, itself audited
 * ({@link dev.bastion.audit.AuditExport}).
 * <p>
 * Imports: JDBC and JPA, {@code mcp.spi} events, {@code orm} (field rights for redaction,
 * the model annotations), {@code access} (the caller's context), {@code settings}.
 */
package dev.bastion.audit;
