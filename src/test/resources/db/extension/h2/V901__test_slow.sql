-- The test-only model test.slow (dev.bastion.orm.slow.SlowRow): 10^15 rows, read by internal users.
-- The name is made of all three series, so that no planner can filter one series before the join.
create view test_slow as
    select a.x as id, cast(a.x as varchar) || '-' || cast(b.x as varchar) || '-' || cast(c.x as varchar) as name
    from system_range(1, 100000) a, system_range(1, 100000) b, system_range(1, 100000) c;
insert into ir_model_access (id, name, model, group_id, perm_read, perm_write, perm_create, perm_unlink)
    values (9010, 'access_test_slow_user', 'test.slow', 1, true, false, false, false);
