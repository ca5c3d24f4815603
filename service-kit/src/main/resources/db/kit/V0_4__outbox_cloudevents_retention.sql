-- CloudEvents attributes of the events that have them, and published rows kept for a retention period
-- (to answer "was it published, when?") instead of being deleted at once.
alter table outbox_event
    add column event_id     uuid,
    add column event_type   text,
    add column occurred_at  timestamptz,
    add column published_at timestamptz;

-- The relay reads only what waits; this index stays as small as the backlog.
create index outbox_event_waiting on outbox_event (id) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
