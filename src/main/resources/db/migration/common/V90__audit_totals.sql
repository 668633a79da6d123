-- audit: totals of the MCP requests in the audit trail per minute and per hour, for the dashboard's
-- charts, so that a week of them is a few thousand hourly rows to add up rather than every entry of
-- the week (the last hour and day read the minutes). The audit writer (dev.bastion.audit.AuditTotals)
-- adds each batch's counts in the transaction that stores the batch, so totals and entries agree;
-- every writer (chain) counts into rows of its own, so several nodes never update the same row, and
-- readers sum over chains. Counted: what the timeline counted before (not console actions, not
-- settings changes); requests refused before any method was read (method null) count too.
--   slot_minutes 1 or 60: a row of a minute or of an hour, starting at slot_at
--   kind 'outcome'  item: the outcome (ok, tool_error, unauthorized...): requests, errors, refusals
--   kind 'tool'     item: the tool of a tools/call (first 255 characters)
--   kind 'duration' item: the upper bound in ms of the request's duration class, or 'more' (p95)
--   kind 'session'  item: the MCP session (distinct sessions of a period: count(distinct item))
create table mcp_audit_totals (
    kind          varchar(16)   not null,
    slot_minutes  integer       not null,
    slot_at       timestamp     not null,
    item          varchar(255)  not null,
    chain         varchar(64)   not null,
    requests      bigint        not null,
    constraint mcp_audit_totals_key primary key (kind, slot_minutes, slot_at, item, chain)
);

-- The entries already stored, counted the same way (bench/audit-console.sh runs these statements on
-- the entries it inserts, between the two marker lines).
-- backfill begin
insert into mcp_audit_totals (kind, slot_minutes, slot_at, item, chain, requests)
select kind, 1, slot_at, item, chain, count(*) from (
    select 'outcome' as kind, date_trunc('minute', create_date) as slot_at, outcome as item, chain
        from mcp_audit_log where method is null or (method not like 'console/%' and method <> 'settings/changed')
    union all
    select 'tool', date_trunc('minute', create_date), substring(target, 1, 255), chain
        from mcp_audit_log where method = 'tools/call' and target is not null
    union all
    select 'session', date_trunc('minute', create_date), session_id, chain
        from mcp_audit_log where session_id is not null
            and (method is null or (method not like 'console/%' and method <> 'settings/changed'))
    union all
    select 'duration', date_trunc('minute', create_date),
           case when duration_ms <= 1 then '1' when duration_ms <= 2 then '2' when duration_ms <= 3 then '3' when duration_ms <= 5 then '5'
                when duration_ms <= 7 then '7' when duration_ms <= 10 then '10' when duration_ms <= 15 then '15' when duration_ms <= 20 then '20'
                when duration_ms <= 30 then '30' when duration_ms <= 50 then '50' when duration_ms <= 75 then '75' when duration_ms <= 100 then '100'
                when duration_ms <= 150 then '150' when duration_ms <= 200 then '200' when duration_ms <= 300 then '300' when duration_ms <= 500 then '500'
                when duration_ms <= 750 then '750' when duration_ms <= 1000 then '1000' when duration_ms <= 1500 then '1500' when duration_ms <= 2000 then '2000'
                when duration_ms <= 3000 then '3000' when duration_ms <= 5000 then '5000' when duration_ms <= 7500 then '7500' when duration_ms <= 10000 then '10000'
                when duration_ms <= 15000 then '15000' when duration_ms <= 30000 then '30000' when duration_ms <= 60000 then '60000'
                else 'more' end,
           chain
        from mcp_audit_log where method is null or (method not like 'console/%' and method <> 'settings/changed')
) counted group by kind, slot_at, item, chain;
insert into mcp_audit_totals (kind, slot_minutes, slot_at, item, chain, requests)
select kind, 60, date_trunc('hour', slot_at), item, chain, sum(requests) from mcp_audit_totals where slot_minutes = 1
    group by kind, date_trunc('hour', slot_at), item, chain;
-- backfill end
