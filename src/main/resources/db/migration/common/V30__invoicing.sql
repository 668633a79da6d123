-- erp.invoicing: journal entries (customer invoices, vendor bills, credit notes), their lines
-- and the payments registered against them.
create sequence account_move_seq start with 50 increment by 50;
create table account_move (
    id                 bigint          not null primary key,
    name               varchar(64)     not null default '/',
    move_type          varchar(16)     not null default 'out_invoice',
    partner_id         bigint          not null references res_partner (id),
    company_id         bigint          not null references res_company (id),
    currency_id        bigint          not null references res_currency (id),
    invoice_user_id    bigint          references res_users (id),
    invoice_date       date,
    invoice_date_due   date,
    payment_term_days  integer         not null default 30,
    invoice_origin     varchar(256),
    ref                varchar(256),
    narration          varchar(4000),
    state              varchar(16)     not null default 'draft',
    payment_state      varchar(16)     not null default 'not_paid',
    amount_untaxed     numeric(16, 2)  not null default 0,
    amount_tax         numeric(16, 2)  not null default 0,
    amount_total       numeric(16, 2)  not null default 0,
    amount_residual    numeric(16, 2)  not null default 0,
    reversed_entry_id  bigint          references account_move (id),
    version            bigint          not null default 0
);
create index account_move_name on account_move (name);
create index account_move_partner on account_move (partner_id);
create index account_move_company on account_move (company_id);
create index account_move_state on account_move (state, payment_state);
create index account_move_type on account_move (move_type);
create index account_move_invoice_date on account_move (invoice_date);
create index account_move_date_due on account_move (invoice_date_due);
create index account_move_user on account_move (invoice_user_id);

create sequence account_move_line_seq start with 50 increment by 50;
create table account_move_line (
    id              bigint          not null primary key,
    move_id         bigint          not null references account_move (id) on delete cascade,
    sequence        integer         not null default 10,
    product_id      bigint          references product_product (id),
    name            varchar(4000)   not null,
    quantity        numeric(16, 3)  not null default 1,
    price_unit      numeric(16, 2)  not null default 0,
    discount        numeric(6, 2)   not null default 0,
    tax_rate        numeric(6, 2)   not null default 0,
    price_subtotal  numeric(16, 2)  not null default 0,
    price_total     numeric(16, 2)  not null default 0,
    version         bigint          not null default 0
);
create index account_move_line_move on account_move_line (move_id);
create index account_move_line_product on account_move_line (product_id);

create sequence account_payment_seq start with 50 increment by 50;
create table account_payment (
    id           bigint          not null primary key,
    move_id      bigint          not null references account_move (id),
    partner_id   bigint          not null references res_partner (id),
    company_id   bigint          not null references res_company (id),
    currency_id  bigint          not null references res_currency (id),
    payment_date date            not null,
    amount       numeric(16, 2)  not null,
    memo         varchar(256),
    version      bigint          not null default 0
);
create index account_payment_move on account_payment (move_id);
create index account_payment_date on account_payment (payment_date);
create index account_payment_company on account_payment (company_id);

insert into res_groups (id, xml_id, name, category, full_name, comment) values
    (30, 'invoicing.group_account_invoice', 'Billing', 'Invoicing', 'Invoicing / Billing',
        'Creates, posts and registers payments of invoices and bills'),
    (31, 'invoicing.group_account_manager', 'Administrator', 'Invoicing', 'Invoicing / Administrator',
        'Everything in invoicing, including resetting posted entries to draft');
insert into res_groups_implied_rel (gid, hid) values (30, 1), (31, 30);
