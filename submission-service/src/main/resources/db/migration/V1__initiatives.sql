-- This service's own copy of org-units.v1, so that it validates submissions while org-unit-service is down.
create table org_unit_replica (
    id          uuid primary key,
    code        text   not null,
    name        text   not null,
    type        text   not null,
    parent_id   uuid,
    province_id uuid,
    valid_from  date,
    valid_to    date,
    version     bigint not null
);

create table initiative (
    id               uuid primary key,
    programme_code   text        not null,
    title            text        not null check (char_length(title) between 1 and 300),
    problem          text        not null,
    solution         text        not null,
    expected_benefit text        not null,
    field            text        not null,
    unit_id          uuid        not null,
    province_id      uuid        not null,
    visibility       text        not null,
    status           text        not null,
    external_ref     text,
    submitted_by     text        not null,
    submitted_at     timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null,
    unique (province_id, external_ref)
);
create index initiative_province_status on initiative (province_id, status);
create index initiative_unit on initiative (unit_id);

create table initiative_author (
    initiative_id uuid    not null references initiative (id) on delete cascade,
    position      integer not null,
    member_id     text    not null,
    display_name  text    not null,
    primary key (initiative_id, position)
);
create index initiative_author_member on initiative_author (member_id);
