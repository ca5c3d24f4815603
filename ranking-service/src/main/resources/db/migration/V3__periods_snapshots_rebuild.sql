-- Counted submissions per day of submission (Asia/Ho_Chi_Minh): "today" and "this week" are sums over a few rows,
-- and a withdrawal lowers the day the initiative was submitted on.
create table period_count (
    programme_code text   not null,
    province_id    uuid   not null,
    day            date   not null,
    submissions    bigint not null check (submissions >= 0),
    primary key (programme_code, day, province_id)
);

-- The standings at the end of a day, one row per province in force that day.
create table snapshot_day (
    programme_code text        not null,
    day            date        not null,
    taken_at       timestamptz not null,
    primary key (programme_code, day)
);

create table snapshot (
    programme_code   text    not null,
    day              date    not null,
    province_id      uuid    not null,
    submissions      bigint  not null,
    submitters       bigint  not null,
    recognized       bigint  not null,
    target           bigint,
    member_count     integer,
    week_submissions bigint  not null,
    day_submissions  bigint  not null,
    rank             integer not null,
    primary key (programme_code, day, province_id),
    foreign key (programme_code, day) references snapshot_day (programme_code, day) on delete cascade
);
create index snapshot_province on snapshot (programme_code, province_id, day);

-- A rebuild replays initiative-events.v1 from offset 0 into these copies of the live counters, then compares.
create schema rebuild;

create table rebuild.initiative_state (like public.initiative_state including all);
create table rebuild.submitter (like public.submitter including all);
create table rebuild.standing (like public.standing including all);
create table rebuild.period_count (like public.period_count including all);
