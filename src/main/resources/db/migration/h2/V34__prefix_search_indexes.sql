-- Prefix searches on PostgreSQL need pattern_ops indexes (see the postgresql folder); H2 serves
-- LIKE 'ABC%' from the plain indexes of V10-V30, so this version has nothing to add here.
select 1;
