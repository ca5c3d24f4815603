-- The timeline of every unit: one row per period in which its name, parent and province stayed the same.
-- Reads "as of" a day use the row whose period contains that day; org_unit keeps the current state.
create table org_unit_period (
    id          bigint generated always as identity primary key,
    unit_id     uuid not null references org_unit (id),
    valid_from  date,
    valid_to    date,
    name        text not null,
    name_key    text generated always as (vn_fold(name)) stored,
    parent_id   uuid references org_unit (id),
    province_id uuid references org_unit (id),
    check (valid_to is null or valid_from is null or valid_to > valid_from)
);

-- Periods of one unit never overlap; null bounds are open ends.
create extension if not exists btree_gist;
alter table org_unit_period add constraint org_unit_period_no_overlap
    exclude using gist (unit_id with =, daterange(valid_from, valid_to, '[)') with &&) deferrable initially deferred;

create index org_unit_period_parent on org_unit_period (parent_id);
create index org_unit_period_unit on org_unit_period (unit_id);
create index org_unit_name_key on org_unit (name_key text_pattern_ops);

insert into org_unit_period (unit_id, valid_from, valid_to, name, parent_id, province_id)
select id, valid_from, valid_to, name, parent_id, province_id from org_unit;
