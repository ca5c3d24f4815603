-- The entry of a change is written in the change's own transaction, before its answer is known: such an entry has no
-- status. Refused attempts keep theirs (401, 403, 429).
alter table audit_entry alter column status drop not null;
