-- audit: the OAuth client an access token was issued to (its client_id), beside the MCP
-- clientInfo of client_name. Entries without one hash as before (dev.bastion.audit.AuditRecord).
alter table mcp_audit_log add column oauth_client varchar(512);
