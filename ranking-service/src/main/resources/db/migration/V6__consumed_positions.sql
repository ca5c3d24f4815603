-- Where the live counters stand in initiative-events.v1: per partition, the offset after the last record applied,
-- written in the transaction that applied it. A repair replaces the live counters with rebuilt ones that have read
-- at least this far, so that the live consumer, resuming from its committed offsets, neither misses nor counts twice.
create table consumed_position (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null check (next_offset >= 0),
    primary key (topic, partition)
);
