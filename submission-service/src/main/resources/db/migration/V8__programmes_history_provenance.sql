-- Programmes as last published on programmes.v1: a submission must name one and fall within its days.
create table programme_replica (
    code       text primary key,
    name       text   not null,
    start_date date   not null,
    end_date   date   not null,
    version    bigint not null
);

-- When an initiative stopped counting (withdrawn, marked a duplicate), and whether a province's import wrote it,
-- by which credential and when.
alter table initiative
    add column ended_at    timestamptz,
    add column imported    boolean not null default false,
    add column imported_by text,
    add column imported_at timestamptz;

-- Initiatives that ended before the column existed: their last change is when they ended.
update initiative set ended_at = updated_at where status in ('WITHDRAWN', 'DUPLICATE');

-- The change feed of a province reads its initiatives in the order they last changed.
create index initiative_province_updated on initiative (province_id, updated_at, id);
