-- access: an API key can be narrowed to OAuth scopes (mcp:read, mcp:write, mcp:admin; see
-- dev.bastion.access.Scopes), a read-only key for instance. Null: everything the user may do.
alter table res_users_apikey add column scopes varchar(64);
