-- The rebuild schema is scratch: a rebuild empties it first and fills it again from initiative-events.v1. Unlogged,
-- its rows write no WAL (a rebuild of a million events wrote a WAL record for every row and index entry it made);
-- after a crash PostgreSQL empties these tables, which costs nothing but a rebuild run again.
alter table rebuild.initiative_state set unlogged;
alter table rebuild.submitter set unlogged;
alter table rebuild.member_reach set unlogged;
alter table rebuild.standing set unlogged;
alter table rebuild.period_count set unlogged;
