-- The newest orders in a state (state = 'sale', newest first, one page) read from one index in
-- order and stop after the page, instead of sorting every order of the state: the search puts
-- the pinned state first in its ORDER BY (H2 only serves an order from an index that starts with
-- the ordered columns), and ties go by id in the direction of the last term. The index replaces
-- the one on state alone, which it serves as well, and which H2 would otherwise prefer.
drop index sale_order_state;
create index sale_order_state_date on sale_order (state, date_order desc, id desc);
