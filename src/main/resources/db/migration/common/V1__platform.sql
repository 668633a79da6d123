-- The installation's identity and the live settings.
create table bastion_installation (
    id          varchar(36)  not null primary key,
    created_at  timestamp    not null
);

create table bastion_setting (
    setting_key    varchar(128)  not null primary key,
    setting_value  varchar(4000),
    updated_at     timestamp     not null,
    updated_by     varchar(128),
    version        bigint        not null default 0
);
