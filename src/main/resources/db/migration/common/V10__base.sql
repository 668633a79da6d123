-- erp.base: currencies, countries, companies, partners, groups, users, number sequences.
-- Sequences start at 50 and step by 50: EclipseLink takes ids (n-49)..n from each value n,
-- so the first block is 1..50. Tables seeded in V11 start higher, above the seeded ids.
create sequence res_currency_seq start with 1000 increment by 50;
create table res_currency (
    id              bigint        not null primary key,
    name            varchar(3)    not null,
    full_name       varchar(64)   not null,
    symbol          varchar(8)    not null,
    decimal_places  integer       not null default 2,
    active          boolean       not null default true,
    version         bigint        not null default 0,
    constraint res_currency_name_uniq unique (name)
);

create sequence res_country_seq start with 1000 increment by 50;
create table res_country (
    id           bigint        not null primary key,
    code         varchar(2)    not null,
    name         varchar(128)  not null,
    currency_id  bigint        references res_currency (id),
    phone_code   integer,
    version      bigint        not null default 0,
    constraint res_country_code_uniq unique (code)
);

create sequence res_company_seq start with 1000 increment by 50;
create table res_company (
    id           bigint        not null primary key,
    name         varchar(128)  not null,
    currency_id  bigint        not null references res_currency (id),
    country_id   bigint        references res_country (id),
    tz           varchar(64)   not null default 'UTC',
    parent_id    bigint        references res_company (id),
    email        varchar(256),
    phone        varchar(64),
    vat          varchar(32),
    street       varchar(256),
    city         varchar(128),
    zip          varchar(24),
    active       boolean       not null default true,
    version      bigint        not null default 0,
    constraint res_company_name_uniq unique (name)
);

create sequence res_partner_seq start with 50 increment by 50;
create table res_partner (
    id             bigint        not null primary key,
    name           varchar(256)  not null,
    is_company     boolean       not null default false,
    parent_id      bigint        references res_partner (id),
    company_id     bigint        references res_company (id),
    ref            varchar(64),
    function_name  varchar(128),
    street         varchar(256),
    street2        varchar(256),
    city           varchar(128),
    zip            varchar(24),
    country_id     bigint        references res_country (id),
    email          varchar(256),
    phone          varchar(64),
    vat            varchar(32),
    lang           varchar(16),
    customer_rank  integer       not null default 0,
    supplier_rank  integer       not null default 0,
    comment        varchar(4000),
    active         boolean       not null default true,
    version        bigint        not null default 0
);
create index res_partner_name on res_partner (name);
create index res_partner_parent on res_partner (parent_id);
create index res_partner_company on res_partner (company_id);
create index res_partner_country on res_partner (country_id);
create index res_partner_email on res_partner (email);
create index res_partner_vat on res_partner (vat);
create index res_partner_customer_rank on res_partner (customer_rank);
create index res_partner_supplier_rank on res_partner (supplier_rank);

create sequence res_groups_seq start with 1000 increment by 50;
create table res_groups (
    id         bigint        not null primary key,
    xml_id     varchar(128)  not null,
    name       varchar(128)  not null,
    category   varchar(64)   not null,
    full_name  varchar(200)  not null,
    comment    varchar(4000),
    version    bigint        not null default 0,
    constraint res_groups_xml_id_uniq unique (xml_id)
);
create table res_groups_implied_rel (
    gid  bigint  not null references res_groups (id) on delete cascade,
    hid  bigint  not null references res_groups (id) on delete cascade,
    primary key (gid, hid)
);

create sequence res_users_seq start with 50 increment by 50;
create table res_users (
    id          bigint        not null primary key,
    login       varchar(64)   not null,
    name        varchar(128)  not null,
    email       varchar(256),
    tz          varchar(64)   not null default 'UTC',
    lang        varchar(16)   not null default 'en_US',
    company_id  bigint        not null references res_company (id),
    password    varchar(512),
    active      boolean       not null default true,
    version     bigint        not null default 0,
    constraint res_users_login_uniq unique (login)
);
create index res_users_company on res_users (company_id);
create table res_company_users_rel (
    user_id  bigint  not null references res_users (id) on delete cascade,
    cid      bigint  not null references res_company (id) on delete cascade,
    primary key (user_id, cid)
);
create table res_groups_users_rel (
    uid  bigint  not null references res_users (id) on delete cascade,
    gid  bigint  not null references res_groups (id) on delete cascade,
    primary key (uid, gid)
);
create index res_groups_users_rel_gid on res_groups_users_rel (gid);

-- Document numbers per (code, company): S00001, INV/2026/00001...
create sequence ir_sequence_seq start with 50 increment by 50;
create table ir_sequence (
    id           bigint        not null primary key,
    code         varchar(64)   not null,
    company_id   bigint        not null references res_company (id),
    prefix       varchar(64)   not null,
    padding      integer       not null default 5,
    next_number  bigint        not null default 1,
    version      bigint        not null default 0,
    constraint ir_sequence_code_company_uniq unique (code, company_id)
);
