-- A record a consumer cannot apply (a poison record: unreadable, or refused by the database for what it holds) is
-- parked here with the reason, and the consumer goes on with the records after it.
create table dead_letter (
    id             bigint generated always as identity primary key,
    consumer_group text        not null,
    topic          text        not null,
    partition      integer     not null,
    record_offset  bigint      not null,
    record_key     text,
    payload        text,
    error          text        not null,
    parked_at      timestamptz not null default now(),
    unique (consumer_group, topic, partition, record_offset)
);
