-- access: API keys, model access rights, record rules, MCP per-model overrides.

-- An API key is stored as its first 12 characters (to find it) and the SHA-256 of the whole
-- key (to check it); the key itself is shown once, when it is issued.
create sequence res_users_apikey_seq start with 50 increment by 50;
create table res_users_apikey (
    id            bigint        not null primary key,
    user_id       bigint        not null references res_users (id) on delete cascade,
    name          varchar(128)  not null,
    key_prefix    varchar(12)   not null,
    key_hash      varchar(64)   not null,
    create_date   timestamp     not null,
    expires_at    timestamp,
    last_used     timestamp,
    revoked_at    timestamp,
    version       bigint        not null default 0,
    constraint res_users_apikey_hash_uniq unique (key_hash)
);
create index res_users_apikey_prefix on res_users_apikey (key_prefix);
create index res_users_apikey_user on res_users_apikey (user_id);

-- Rights per group and model; a row without a group applies to every user.
create sequence ir_model_access_seq start with 1000 increment by 50;
create table ir_model_access (
    id           bigint        not null primary key,
    name         varchar(128)  not null,
    model        varchar(64)   not null,
    group_id     bigint        references res_groups (id) on delete cascade,
    perm_read    boolean       not null default false,
    perm_write   boolean       not null default false,
    perm_create  boolean       not null default false,
    perm_unlink  boolean       not null default false,
    active       boolean       not null default true,
    version      bigint        not null default 0
);
create index ir_model_access_model on ir_model_access (model);

-- Record rules: a domain per model; rules without groups are global (all intersect), rules
-- with groups apply to their members (those of one user unite). Values {"var":"user.id"},
-- {"var":"company_id"} and {"var":"company_ids"} are the caller's.
create sequence ir_rule_seq start with 1000 increment by 50;
create table ir_rule (
    id            bigint         not null primary key,
    name          varchar(128)   not null,
    model         varchar(64)    not null,
    domain_force  varchar(4000)  not null,
    perm_read     boolean        not null default true,
    perm_write    boolean        not null default true,
    perm_create   boolean        not null default true,
    perm_unlink   boolean        not null default true,
    active        boolean        not null default true,
    version       bigint         not null default 0
);
create index ir_rule_model on ir_rule (model);
create table ir_rule_group_rel (
    rule_id   bigint  not null references ir_rule (id) on delete cascade,
    group_id  bigint  not null references res_groups (id) on delete cascade,
    primary key (rule_id, group_id)
);

-- What MCP clients may do with a model, on top of the rights: only ever narrower.
-- Lists are comma-separated; an empty list of fields means every field.
create sequence mcp_model_override_seq start with 50 increment by 50;
create table mcp_model_override (
    id               bigint         not null primary key,
    model            varchar(64)    not null,
    enabled          boolean        not null default true,
    allow_read       boolean        not null default true,
    allow_write      boolean        not null default true,
    allow_create     boolean        not null default true,
    allow_unlink     boolean        not null default true,
    allow_methods    boolean        not null default true,
    allowed_fields   varchar(4000),
    blocked_methods  varchar(4000),
    version          bigint         not null default 0,
    constraint mcp_model_override_model_uniq unique (model)
);
create table mcp_model_override_group_rel (
    override_id  bigint  not null references mcp_model_override (id) on delete cascade,
    group_id     bigint  not null references res_groups (id) on delete cascade,
    primary key (override_id, group_id)
);
