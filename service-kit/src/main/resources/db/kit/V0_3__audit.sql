-- Who changed what and when: one row per successful write request.
create table audit_entry (
    id       bigint generated always as identity primary key,
    at       timestamptz not null default now(),
    actor    text        not null,
    method   text        not null,
    path     text        not null,
    status   integer     not null
);
create index audit_entry_at on audit_entry (at);
