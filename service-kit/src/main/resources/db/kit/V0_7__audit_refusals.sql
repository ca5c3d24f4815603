-- Refused attempts (401, 403, 429) are audited too, counted: one row stands for every refusal of the same caller,
-- request and status within a few seconds, so that a flood of them costs a row, not a row each.
alter table audit_entry add column occurrences integer not null default 1;
