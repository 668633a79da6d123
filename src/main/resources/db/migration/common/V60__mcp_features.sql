-- mcp: tools, resources and prompts as records admins edit live. The built-in tools and
-- resources are seeded at startup from the code (dev.bastion.tools.Builtin,
-- dev.bastion.resources.BuiltinResource) when their row is missing; the prompts below.

create sequence mcp_tool_seq start with 1000 increment by 50;
create table mcp_tool (
    id                bigint          not null primary key,
    name              varchar(64)     not null,
    title             varchar(128),
    description       varchar(8000)   not null,
    input_schema      varchar(32000)  not null,
    output_schema     varchar(32000),
    read_only_hint    boolean         not null default false,
    destructive_hint  boolean         not null default false,
    idempotent_hint   boolean         not null default false,
    open_world_hint   boolean         not null default false,
    category          varchar(32)     not null default 'data',
    sequence          integer         not null default 10,
    active            boolean         not null default true,
    handler           varchar(32)     not null,
    version           bigint          not null default 0,
    constraint mcp_tool_name_uniq unique (name)
);
-- Groups that may see a tool; none means every MCP user.
create table mcp_tool_group_rel (
    tool_id  bigint  not null references mcp_tool (id) on delete cascade,
    gid      bigint  not null references res_groups (id) on delete cascade,
    primary key (tool_id, gid)
);

create sequence mcp_resource_seq start with 1000 increment by 50;
create table mcp_resource (
    id           bigint         not null primary key,
    uri          varchar(256)   not null,
    name         varchar(64)    not null,
    title        varchar(128),
    description  varchar(4000),
    mime_type    varchar(64)    not null default 'application/json',
    sequence     integer        not null default 10,
    active       boolean        not null default true,
    handler      varchar(32)    not null,
    version      bigint         not null default 0,
    constraint mcp_resource_uri_uniq unique (uri)
);

-- A prompt without an owner is global (admins manage it); with one, it is that user's own.
create sequence mcp_prompt_seq start with 1000 increment by 50;
create table mcp_prompt (
    id           bigint          not null primary key,
    name         varchar(64)     not null,
    title        varchar(128),
    description  varchar(4000),
    role         varchar(16)     not null default 'user',
    template     varchar(32000)  not null,
    owner_id     bigint          references res_users (id) on delete cascade,
    sequence     integer         not null default 10,
    active       boolean         not null default true,
    version      bigint          not null default 0
);
create index mcp_prompt_owner on mcp_prompt (owner_id);

-- An argument may offer completions from a fixed list (comma-separated) or a model's records.
-- Besides the declared arguments, templates may use {today} and {user}, which the server fills in.
create sequence mcp_prompt_argument_seq start with 1000 increment by 50;
create table mcp_prompt_argument (
    id             bigint         not null primary key,
    prompt_id      bigint         not null references mcp_prompt (id) on delete cascade,
    name           varchar(64)    not null,
    description    varchar(1000),
    required       boolean        not null default false,
    source_model   varchar(64),
    source_values  varchar(4000),
    sequence       integer        not null default 10,
    version        bigint         not null default 0
);
create index mcp_prompt_argument_prompt on mcp_prompt_argument (prompt_id);

insert into mcp_prompt (id, name, title, description, template, sequence) values
    (1, 'overdue_invoices', 'Overdue invoices summary',
        'Lists customer invoices past their due date and not fully paid, grouped by customer, with what to do next.',
        'Summarise the overdue customer invoices{company_clause}. Use the search tool on account.move with the domain '
        || '[["move_type","=","out_invoice"],["state","=","posted"],["payment_state","in",["not_paid","partial"]],'
        || '["invoice_date_due","<","{today}"]] and the fields name, partner_id, invoice_date_due, amount_total, '
        || 'amount_residual, currency_id. Group them by customer with the total still due per customer, point out '
        || 'the oldest ones, and propose a reminder plan. Answer in {language}.', 10),
    (2, 'sales_pipeline_review', 'Sales pipeline review',
        'Reviews open quotations and recent confirmed orders: value by stage and salesperson, stale quotations, next steps.',
        'Review the sales pipeline for the last {months} months. Use the aggregate tool on sale.order grouped by state '
        || 'and by user_id with amount_total:sum, then search the quotations (state draft or sent) older than 14 days. '
        || 'Report the value in each stage, the salespeople with the largest open amounts, the quotations to follow up '
        || 'and three concrete next steps. Literal braces such as {{"state": "sale"}} stay as written.', 20),
    (3, 'customer_360', 'Customer 360',
        'Everything about one customer: contact details, open quotations, orders, invoices and what they still owe.',
        'Give a 360-degree view of the customer "{partner}". Find the partner with the search tool on res.partner '
        || '(name ilike), then read its contact details, its sale orders (sale.order, partner_id), its invoices '
        || '(account.move, partner_id, move_type out_invoice or out_refund) and the amount it still owes. '
        || 'Finish with risks and opportunities.', 30),
    (4, 'monthly_revenue', 'Monthly revenue',
        'Invoiced revenue per month, with the trend and the largest customers.',
        'Show the invoiced revenue per month for {year}. Use the aggregate tool on account.move with the domain '
        || '[["move_type","=","out_invoice"],["state","=","posted"]], grouped by invoice_date:month, aggregating '
        || 'amount_untaxed:sum; then the five largest customers of that year grouped by partner_id. Comment on the trend.', 40);

insert into mcp_prompt_argument (id, prompt_id, name, description, required, source_model, source_values, sequence) values
    (2, 1, 'company_clause', 'Optional restriction, e.g. " of company My Company"', false, null, null, 20),
    (3, 1, 'language', 'Language of the answer', false, null, 'English,French,German,Dutch,Spanish', 30),
    (4, 2, 'months', 'How many months back', true, null, '1,3,6,12', 10),
    (5, 3, 'partner', 'The customer''s name', true, 'res.partner', null, 10),
    (6, 4, 'year', 'The year, e.g. 2026', true, null, null, 10);

-- Rights: every MCP user reads tools, resources and the prompts they may see; internal users
-- (employees) also manage their own prompts; MCP administrators manage tools, resources and
-- the global prompts. A user with only read rights is therefore offered only reading tools.
insert into ir_model_access (id, name, model, group_id, perm_read, perm_write, perm_create, perm_unlink) values
    (100, 'access_mcp_tool_user', 'mcp.tool', 3, true, false, false, false),
    (101, 'access_mcp_tool_admin', 'mcp.tool', 4, true, true, true, true),
    (102, 'access_mcp_resource_user', 'mcp.resource', 3, true, false, false, false),
    (103, 'access_mcp_resource_admin', 'mcp.resource', 4, true, true, true, true),
    (104, 'access_mcp_prompt_mcp_user', 'mcp.prompt', 3, true, false, false, false),
    (105, 'access_mcp_prompt_argument_mcp_user', 'mcp.prompt.argument', 3, true, false, false, false),
    (106, 'access_mcp_prompt_internal', 'mcp.prompt', 1, true, true, true, true),
    (107, 'access_mcp_prompt_argument_internal', 'mcp.prompt.argument', 1, true, true, true, true),
    (108, 'access_mcp_prompt_admin', 'mcp.prompt', 4, true, true, true, true),
    (109, 'access_mcp_prompt_argument_admin', 'mcp.prompt.argument', 4, true, true, true, true);

-- Nobody reads another user's personal prompts (a global rule: it binds every group); users
-- change their own, MCP administrators the global ones too.
insert into ir_rule (id, name, model, domain_force, perm_read, perm_write, perm_create, perm_unlink) values
    (100, 'mcp.prompt: global and own prompts are visible', 'mcp.prompt',
        '["|",["owner_id","=",false],["owner_id","=",{"var":"user.id"}]]', true, false, false, false),
    (101, 'mcp.prompt: users change their own prompts', 'mcp.prompt',
        '[["owner_id","=",{"var":"user.id"}]]', false, true, true, true),
    (102, 'mcp.prompt: MCP administrators change global and own prompts', 'mcp.prompt',
        '["|",["owner_id","=",false],["owner_id","=",{"var":"user.id"}]]', false, true, true, true),
    (103, 'mcp.prompt.argument: of visible prompts', 'mcp.prompt.argument',
        '["|",["prompt_id.owner_id","=",false],["prompt_id.owner_id","=",{"var":"user.id"}]]', true, false, false, false),
    (104, 'mcp.prompt.argument: users change those of their own prompts', 'mcp.prompt.argument',
        '[["prompt_id.owner_id","=",{"var":"user.id"}]]', false, true, true, true),
    (105, 'mcp.prompt.argument: MCP administrators change those of global and own prompts', 'mcp.prompt.argument',
        '["|",["prompt_id.owner_id","=",false],["prompt_id.owner_id","=",{"var":"user.id"}]]', false, true, true, true);
insert into ir_rule_group_rel (rule_id, group_id) values
    (101, 1), (102, 4), (104, 1), (105, 4);
