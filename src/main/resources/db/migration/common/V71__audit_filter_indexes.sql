-- The console's audit screen filters by any of these columns and shows the newest entries first:
-- an index that starts with the filtered column and continues with the time serves both the page
-- (the newest matches, read in index order, no sort) and its count (a range of one index), also
-- over millions of entries. Login and outcome have theirs since V70.
create index mcp_audit_log_method_date on mcp_audit_log (method, create_date);
create index mcp_audit_log_target_date on mcp_audit_log (target, create_date);
create index mcp_audit_log_model_date on mcp_audit_log (model, create_date);
create index mcp_audit_log_ip_date on mcp_audit_log (ip, create_date);
create index mcp_audit_log_session_date on mcp_audit_log (session_id, create_date);
create index mcp_audit_log_key_date on mcp_audit_log (api_key_prefix, create_date);
