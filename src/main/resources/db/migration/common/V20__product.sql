-- erp.product: product categories and products.
create sequence product_category_seq start with 50 increment by 50;
create table product_category (
    id         bigint        not null primary key,
    name       varchar(128)  not null,
    parent_id  bigint        references product_category (id),
    version    bigint        not null default 0
);
create index product_category_parent on product_category (parent_id);

create sequence product_product_seq start with 50 increment by 50;
create table product_product (
    id                bigint          not null primary key,
    name              varchar(256)    not null,
    default_code      varchar(64),
    barcode           varchar(64),
    type              varchar(16)     not null default 'consu',
    categ_id          bigint          references product_category (id),
    list_price        numeric(16, 2)  not null default 0,
    standard_price    numeric(16, 2)  not null default 0,
    tax_rate          numeric(6, 2)   not null default 0,
    description_sale  varchar(4000),
    company_id        bigint          references res_company (id),
    active            boolean         not null default true,
    version           bigint          not null default 0,
    constraint product_product_barcode_uniq unique (barcode)
);
create index product_product_name on product_product (name);
create index product_product_default_code on product_product (default_code);
create index product_product_categ on product_product (categ_id);
create index product_product_company on product_product (company_id);
