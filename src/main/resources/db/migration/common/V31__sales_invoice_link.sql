-- The invoices made from sales orders (sale.order invoice_ids). It belongs to erp.sales but
-- references account_move, so it comes after the invoicing tables (sales depends on invoicing).
create table sale_order_invoice_rel (
    order_id    bigint  not null references sale_order (id) on delete cascade,
    invoice_id  bigint  not null references account_move (id) on delete cascade,
    primary key (order_id, invoice_id)
);
create index sale_order_invoice_rel_invoice on sale_order_invoice_rel (invoice_id);
