-- erp.sales: quotations and sales orders with their lines.
create sequence sale_order_seq start with 50 increment by 50;
create table sale_order (
    id                bigint          not null primary key,
    name              varchar(64)     not null,
    partner_id        bigint          not null references res_partner (id),
    company_id        bigint          not null references res_company (id),
    currency_id       bigint          not null references res_currency (id),
    user_id           bigint          references res_users (id),
    date_order        timestamp       not null,
    validity_date     date,
    client_order_ref  varchar(128),
    note              varchar(4000),
    state             varchar(16)     not null default 'draft',
    invoice_status    varchar(16)     not null default 'no',
    amount_untaxed    numeric(16, 2)  not null default 0,
    amount_tax        numeric(16, 2)  not null default 0,
    amount_total      numeric(16, 2)  not null default 0,
    version           bigint          not null default 0
);
create index sale_order_name on sale_order (name);
create index sale_order_partner on sale_order (partner_id);
create index sale_order_company on sale_order (company_id);
create index sale_order_user on sale_order (user_id);
create index sale_order_state on sale_order (state);
create index sale_order_invoice_status on sale_order (invoice_status);
create index sale_order_date_order on sale_order (date_order);

create sequence sale_order_line_seq start with 50 increment by 50;
create table sale_order_line (
    id               bigint          not null primary key,
    order_id         bigint          not null references sale_order (id) on delete cascade,
    sequence         integer         not null default 10,
    product_id       bigint          references product_product (id),
    name             varchar(4000)   not null,
    product_uom_qty  numeric(16, 3)  not null default 1,
    price_unit       numeric(16, 2)  not null default 0,
    discount         numeric(6, 2)   not null default 0,
    tax_rate         numeric(6, 2)   not null default 0,
    price_subtotal   numeric(16, 2)  not null default 0,
    price_tax        numeric(16, 2)  not null default 0,
    price_total      numeric(16, 2)  not null default 0,
    version          bigint          not null default 0
);
create index sale_order_line_order on sale_order_line (order_id);
create index sale_order_line_product on sale_order_line (product_id);

insert into res_groups (id, xml_id, name, category, full_name, comment) values
    (20, 'sales.group_sale_salesman', 'User: Own Documents Only', 'Sales', 'Sales / User: Own Documents Only',
        'Sees and works on the quotations and orders where they are the salesperson'),
    (21, 'sales.group_sale_manager', 'Administrator', 'Sales', 'Sales / Administrator',
        'Sees and works on every quotation and order of their companies');
insert into res_groups_implied_rel (gid, hid) values (20, 1), (21, 20);
