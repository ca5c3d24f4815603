-- Events waiting to be published: written in the same transaction as the change they describe,
-- deleted by the relay once the broker has acknowledged them.
create table outbox_event (
    id         bigint generated always as identity primary key,
    topic      text        not null,
    record_key text        not null,
    payload    text        not null,
    created_at timestamptz not null default now()
);
