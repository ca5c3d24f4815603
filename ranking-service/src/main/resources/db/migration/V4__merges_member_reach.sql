-- The province a merged province's units and submissions went to: from the day it ended, the standings show its
-- counts in that successor's row. Its own counters stay as they were, so that a rebuild still compares equal.
alter table province add column successor_id uuid;

-- In how many provinces of a programme each member is a submitter. Only members counted in two or more can be
-- counted twice when provinces merge; the standings look at those alone, however many submitters there are.
create table member_reach (
    programme_code text    not null,
    member_id      text    not null,
    provinces      integer not null check (provinces >= 0),
    primary key (programme_code, member_id)
);
create index member_reach_shared on member_reach (programme_code) where provinces > 1;

insert into member_reach (programme_code, member_id, provinces)
select programme_code, member_id, count(*) from submitter where initiatives > 0 group by programme_code, member_id;

create table rebuild.member_reach (like public.member_reach including all);
insert into rebuild.member_reach (programme_code, member_id, provinces)
select programme_code, member_id, count(*) from rebuild.submitter where initiatives > 0
group by programme_code, member_id;
