-- Prefix searches (=like 'ABC%', the engine's name_search and completion) on PostgreSQL: with a
-- non-C collation a plain b-tree index cannot serve LIKE, pattern_ops indexes can.
create index res_partner_name_prefix on res_partner (name varchar_pattern_ops);
create index res_partner_email_prefix on res_partner (email varchar_pattern_ops);
create index product_product_name_prefix on product_product (name varchar_pattern_ops);
create index sale_order_name_prefix on sale_order (name varchar_pattern_ops);
create index account_move_name_prefix on account_move (name varchar_pattern_ops);
