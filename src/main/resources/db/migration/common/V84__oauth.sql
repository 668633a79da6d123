-- oauth: the embedded authorization server (dev.bastion.oauth). Clients registered by
-- administrators or dynamically (RFC 7591); grants (a user's consent for a client, the root of
-- its codes and tokens); codes and tokens stored as SHA-256 only, so that any node verifies them.
create sequence oauth_client_seq start with 50 increment by 50;
create table oauth_client (
    id             bigint         not null primary key,
    client_id      varchar(512)   not null,
    name           varchar(255)   not null,
    redirect_uris  varchar(4000)  not null,
    registration   varchar(16)    not null default 'admin',
    create_date    timestamp      not null,
    active         boolean        not null default true,
    version        bigint         not null default 0,
    constraint oauth_client_client_id_uniq unique (client_id)
);

create sequence oauth_grant_seq start with 50 increment by 50;
create table oauth_grant (
    id             bigint         not null primary key,
    user_id        bigint         not null references res_users (id) on delete cascade,
    client_id      varchar(512)   not null,
    client_name    varchar(255)   not null,
    scopes         varchar(64)    not null,
    create_date    timestamp      not null,
    last_used      timestamp,
    revoked_at     timestamp,
    revoke_reason  varchar(64),
    version        bigint         not null default 0
);
create index oauth_grant_user_client on oauth_grant (user_id, client_id);

create table oauth_code (
    code_hash       varchar(64)    not null primary key,
    grant_id        bigint         not null references oauth_grant (id) on delete cascade,
    redirect_uri    varchar(2000)  not null,
    code_challenge  varchar(128)   not null,
    scopes          varchar(64)    not null,
    resource        varchar(2000)  not null,
    expires_at      timestamp      not null,
    used_at         timestamp
);
create index oauth_code_grant on oauth_code (grant_id);

create table oauth_token (
    token_hash   varchar(64)    not null primary key,
    kind         varchar(8)     not null,
    grant_id     bigint         not null references oauth_grant (id) on delete cascade,
    scopes       varchar(64)    not null,
    resource     varchar(2000)  not null,
    create_date  timestamp      not null,
    expires_at   timestamp      not null,
    used_at      timestamp,
    revoked_at   timestamp
);
create index oauth_token_grant on oauth_token (grant_id);

-- Clients: administrators (Settings, MCP Administrator) manage them. Connections: internal users
-- read and revoke their own (revoking is a method, which needs write; the console's My account
-- does it), MCP users read theirs: a write right there would offer every MCP user the write
-- tools, read-only users included. Administrators all.
insert into ir_model_access (id, name, model, group_id, perm_read, perm_write, perm_create, perm_unlink) values
    (800, 'access_oauth_client_system', 'oauth.client', 2, true, true, true, true),
    (801, 'access_oauth_client_mcp_admin', 'oauth.client', 4, true, true, true, true),
    (802, 'access_oauth_grant_user', 'oauth.grant', 1, true, true, false, false),
    (803, 'access_oauth_grant_mcp_user', 'oauth.grant', 3, true, false, false, false),
    (804, 'access_oauth_grant_system', 'oauth.grant', 2, true, true, false, true),
    (805, 'access_oauth_grant_mcp_admin', 'oauth.grant', 4, true, true, false, true);
insert into ir_rule (id, name, model, domain_force) values
    (800, 'oauth.grant: own connections', 'oauth.grant', '[["user_id","=",{"var":"user.id"}]]'),
    (801, 'oauth.grant: all connections', 'oauth.grant', '[]');
insert into ir_rule_group_rel (rule_id, group_id) values
    (800, 1),
    (800, 3),
    (801, 2),
    (801, 4);
