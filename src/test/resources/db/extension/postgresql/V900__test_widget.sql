-- The test-only model test.widget (dev.bastion.orm.fixture.Widget).
create sequence test_widget_seq start with 50 increment by 50;
create table test_widget (
    id         bigint        not null primary key,
    name       varchar(200)  not null,
    code       varchar(64),
    qty        integer,
    price      double precision,
    active     boolean       not null default true,
    state      varchar(16)   not null default 'draft',
    stamp      timestamp,
    due        date,
    notes      varchar(4000),
    parent_id  bigint        references test_widget (id),
    version    bigint        not null default 0
);
create index test_widget_code on test_widget (code);
