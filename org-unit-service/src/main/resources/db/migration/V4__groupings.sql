-- Regions (khu vực) and emulation clusters (cụm thi đua): named sets of units. A unit may belong to several, and
-- every membership carries its own dates, so that "who was in it on day X" has one answer after a change.
-- Dates: valid_from inclusive, valid_to exclusive; an empty valid_from means "since before these records",
-- an empty valid_to "still in force".
create table org_grouping (
    id         uuid primary key,
    code       text        not null unique,
    name       text        not null,
    kind       text        not null check (kind in ('REGION', 'EMULATION_CLUSTER')),
    valid_from date,
    valid_to   date,
    version    bigint      not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (valid_to is null or valid_to > valid_from)
);

create index org_grouping_kind on org_grouping (kind);

create table org_grouping_member (
    id          bigint generated always as identity primary key,
    grouping_id uuid not null references org_grouping (id),
    unit_id     uuid not null references org_unit (id),
    valid_from  date,
    valid_to    date,
    check (valid_to is null or valid_to > valid_from)
);

-- The service rejects overlapping periods of one unit in one grouping; this catches the race it cannot see.
create unique index org_grouping_member_open on org_grouping_member (grouping_id, unit_id) where valid_to is null;
create index org_grouping_member_grouping on org_grouping_member (grouping_id);
create index org_grouping_member_unit on org_grouping_member (unit_id);
