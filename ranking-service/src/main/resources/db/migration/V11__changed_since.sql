-- The transaction that last wrote each initiative's state, so that a reader holding the initiatives of a subtree in
-- memory brings them up to date from the rows written since it last looked (every transaction still running then has
-- an id at least the lowest one it saw running) rather than reading the whole subtree again. Rows written before this
-- version have none: no reader holds them yet. Added without a default first, so that existing rows are not rewritten.
alter table initiative_state add column changed_xid xid8;
alter table initiative_state alter column changed_xid set default pg_current_xact_id();
alter table rebuild.initiative_state add column changed_xid xid8;
alter table rebuild.initiative_state alter column changed_xid set default pg_current_xact_id();
create index initiative_state_changed on initiative_state (changed_xid);

-- Grows with every change of the reference data (units, programmes, phases, targets) and with every replacement of
-- the live counters by rebuilt ones: what was read of those, or of every initiative at once, is read again.
alter table standings_revision add column reference bigint not null default 0;
