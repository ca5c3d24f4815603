-- A programme may have no last day yet (its administrators set one when it closes): it takes submissions from its
-- first day on.
alter table programme_replica alter column end_date drop not null;
