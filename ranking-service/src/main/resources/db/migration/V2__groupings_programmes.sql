-- Regions and emulation clusters as published on org-groupings.v1; members are effective-dated.
create table grouping (
    id         uuid primary key,
    code       text   not null,
    name       text   not null,
    kind       text   not null,
    valid_from date,
    valid_to   date,
    version    bigint not null
);
create index grouping_code on grouping (code);

create table grouping_member (
    grouping_id uuid not null references grouping (id) on delete cascade,
    unit_id     uuid not null,
    valid_from  date,
    valid_to    date
);
create index grouping_member_grouping on grouping_member (grouping_id);

-- Programmes, their phases and per-unit targets as published on programmes.v1.
create table programme (
    code            text primary key,
    name            text   not null,
    start_date      date,
    end_date        date,
    national_target bigint,
    version         bigint not null
);

create table programme_phase (
    programme_code text    not null references programme (code) on delete cascade,
    ordinal        integer not null,
    code           text    not null,
    name           text,
    start_date     date,
    end_date       date,
    primary key (programme_code, ordinal)
);

create table phase_target (
    programme_code text   not null references programme (code) on delete cascade,
    phase_code     text   not null,
    unit_id        uuid   not null,
    target         bigint not null,
    primary key (programme_code, phase_code, unit_id)
);

-- Grows with every committed change that can alter a standings response; readers cache what they computed for
-- a revision, so a read costs one row lookup whatever the number of initiatives.
create table standings_revision (
    id         smallint primary key check (id = 1),
    revision   bigint      not null,
    changed_at timestamptz not null
);
insert into standings_revision values (1, 0, now());
