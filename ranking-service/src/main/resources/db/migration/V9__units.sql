-- Every unit of the hierarchy as published on org-units.v1, for the standings below the province: the tree as it
-- stands now (a unit's parent, type, member count and sector) and the days each unit is in force.
create table unit (
    id                 uuid primary key,
    code               text    not null,
    name               text    not null,
    type               text    not null,
    parent_id          uuid,
    province_id        uuid,
    member_count       integer,
    member_count_as_of date,
    sector             text,
    valid_from         date,
    valid_to           date,
    successor_id       uuid,
    version            bigint  not null
);
create index unit_parent on unit (parent_id);
create index unit_code on unit (code);

-- The unit each initiative was submitted through, its field, and the days it counts on in the standings' time zone
-- (as InitiativeState.days computes them), so that any unit's figures at the end of any day are one indexed read.
-- Initiatives counted before this version get their days here; their unit and field only come with the events, which a
-- rebuild with repair=true reads again.
alter table initiative_state add column unit_id uuid, add column field text, add column counted_from date,
                             add column recognized_from date, add column counted_until date;
alter table rebuild.initiative_state add column unit_id uuid, add column field text, add column counted_from date,
                                     add column recognized_from date, add column counted_until date;
-- Covering: a province's units read their initiatives' days and authors from the index alone, in unit order, rather
-- than from heap pages spread over the whole table.
create index initiative_state_unit on initiative_state (programme_code, unit_id)
    include (counted_from, recognized_from, counted_until, author_ids) where counted_from is not null;

update initiative_state s
set counted_from = d.submitted, counted_until = d.ended,
    recognized_from = case when d.recognized is not null and (d.ended is null or d.ended > d.recognized)
                           then d.recognized end
from (select initiative_id,
             (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as submitted,
             (ended_at at time zone 'Asia/Ho_Chi_Minh')::date as ended,
             greatest((recognized_at at time zone 'Asia/Ho_Chi_Minh')::date,
                      (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date) as recognized
      from initiative_state
      where submitted_at is not null
        and (status in ('SUBMITTED', 'UNDER_REVIEW', 'RECOGNIZED', 'NOT_RECOGNIZED') or ended_at is not null)) d
where d.initiative_id = s.initiative_id and (d.ended is null or d.ended > d.submitted);

-- The provinces (or national unions) that show the figures of their units to everyone, not only to their own people.
create table unit_figures_public (
    home_id    uuid primary key,
    changed_by text        not null,
    changed_at timestamptz not null
);
