-- Every count on its own day. An initiative counts as a submission from the day it was submitted, as recognised
-- from the day it was recognised, each until the day it ended; the counters by day hold the changes of each day, so
-- that the figures at the end of any day are their sum up to it, however late an event came.
alter table initiative_state add column recognized_at timestamptz, add column ended_at timestamptz;
alter table rebuild.initiative_state add column recognized_at timestamptz, add column ended_at timestamptz;

-- The counts by day of submission become the changes of each day: a withdrawal takes one off the day it happened,
-- so a day's figure may be below zero.
alter table period_count rename to day_count;
alter table day_count add column recognized bigint not null default 0, add column submitters bigint not null default 0;
alter table rebuild.period_count rename to day_count;
alter table rebuild.day_count add column recognized bigint not null default 0,
                              add column submitters bigint not null default 0;
do $$
declare
    c record;
begin
    for c in select n.nspname, t.relname, k.conname from pg_constraint k
             join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
             where t.relname = 'day_count' and n.nspname in ('public', 'rebuild') and k.contype = 'c'
    loop
        execute format('alter table %I.%I drop constraint %I', c.nspname, c.relname, c.conname);
    end loop;
end
$$;

-- The changes of each member's count of initiatives in a province, by day: the days its running count crosses zero
-- are the days the member became, or stopped being, one of the province's submitters (and the country's).
create table member_day (
    programme_code text    not null,
    member_id      text    not null,
    province_id    uuid    not null,
    day            date    not null,
    initiatives    integer not null,
    primary key (programme_code, member_id, province_id, day)
);
create unlogged table rebuild.member_day (like public.member_day including all);

-- The changes of the country's distinct submitters by day: a member counted in two provinces is one of them.
create table nation_day (
    programme_code text   not null,
    day            date   not null,
    submitters     bigint not null,
    primary key (programme_code, day)
);
create unlogged table rebuild.nation_day (like public.nation_day including all);

-- What was counted before this version knew no day of recognition or end: a recognised initiative counts as
-- recognised from the day it was submitted, and withdrawn ones were not counted on any day. A rebuild counts every
-- day from the events.
update initiative_state set recognized_at = submitted_at where status = 'RECOGNIZED';

insert into day_count (programme_code, province_id, day, submissions, recognized, submitters)
select programme_code, province_id, (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date, 0, count(*), 0
from initiative_state where status = 'RECOGNIZED' and submitted_at is not null
group by 1, 2, 3
on conflict (programme_code, day, province_id) do update set recognized = excluded.recognized;

insert into member_day (programme_code, member_id, province_id, day, initiatives)
select s.programme_code, a.member_id, s.province_id, (s.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date, count(*)
from initiative_state s cross join lateral (select distinct unnest(s.author_ids) as member_id) a
where s.status in ('SUBMITTED', 'UNDER_REVIEW', 'RECOGNIZED', 'NOT_RECOGNIZED') and s.submitted_at is not null
group by 1, 2, 3, 4;

insert into day_count (programme_code, province_id, day, submissions, recognized, submitters)
select programme_code, province_id, first_day, 0, 0, count(*)
from (select programme_code, province_id, member_id, min(day) as first_day from member_day
      group by programme_code, province_id, member_id) f
group by 1, 2, 3
on conflict (programme_code, day, province_id) do update set submitters = excluded.submitters;

insert into nation_day (programme_code, day, submitters)
select programme_code, first_day, count(*)
from (select programme_code, member_id, min(day) as first_day from member_day group by programme_code, member_id) f
group by 1, 2;
