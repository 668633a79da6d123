-- The test-only model test.slow (dev.bastion.orm.slow.SlowRow): 10^15 rows, read by internal users.
-- The name is made of all three series, so that no planner can filter one series before the join.
create view test_slow as
    select a.x::bigint as id, a.x || '-' || b.x || '-' || c.x as name
    from generate_series(1, 100000) a(x), generate_series(1, 100000) b(x), generate_series(1, 100000) c(x);
insert into ir_model_access (id, name, model, group_id, perm_read, perm_write, perm_create, perm_unlink)
    values (9010, 'access_test_slow_user', 'test.slow', 1, true, false, false, false);
