-- The first answer to a POST sent with an Idempotency-Key, replayed when the client retries with the same key.
create table idempotency_record (
    caller       text        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    location     text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (caller, key)
);
create index idempotency_record_created on idempotency_record (created_at);
