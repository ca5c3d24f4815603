-- Provincial federations as published on org-units.v1.
create table province (
    id           uuid primary key,
    code         text   not null,
    name         text   not null,
    member_count integer,
    valid_from   date,
    valid_to     date,
    version      bigint not null
);

-- The last applied state of each initiative: an event is applied only when its version is newer,
-- which makes redelivery, replays and restarts harmless.
create table initiative_state (
    initiative_id  uuid primary key,
    programme_code text    not null,
    province_id    uuid    not null,
    status         text    not null,
    author_ids     text[]  not null,
    submitted_at   timestamptz,
    version        bigint  not null
);

-- How many counted initiatives each member has in a province: a member is a submitter while this is above zero.
create table submitter (
    programme_code text    not null,
    province_id    uuid    not null,
    member_id      text    not null,
    initiatives    integer not null check (initiatives >= 0),
    primary key (programme_code, province_id, member_id)
);

create table standing (
    programme_code text   not null,
    province_id    uuid   not null,
    submissions    bigint not null default 0 check (submissions >= 0),
    submitters     bigint not null default 0 check (submitters >= 0),
    recognized     bigint not null default 0 check (recognized >= 0),
    primary key (programme_code, province_id)
);
