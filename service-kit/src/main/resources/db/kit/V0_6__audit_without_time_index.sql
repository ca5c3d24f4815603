-- Audit entries are read newest first by id, and nothing reads them by time: the index on their time only cost every
-- write request an index entry.
drop index if exists audit_entry_at;
