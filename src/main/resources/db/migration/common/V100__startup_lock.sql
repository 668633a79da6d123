-- One row that a starting node locks while it runs its startup work (first administrator,
-- built-in tools and resources, demo data), so that nodes started together on an empty
-- database do it one after the other instead of all at once (platform.DatabaseMigrator).
create table bastion_startup_lock (
    id integer not null,
    constraint bastion_startup_lock_pk primary key (id)
);
insert into bastion_startup_lock (id) values (1);
