-- An event the broker refuses for what it is (a topic no service knows, a record too large) is tried a few times,
-- then parked: blocked, with its error, for an operator to retry or discard; the events after it go on.
alter table outbox_event
    add column attempts   integer not null default 0,
    add column last_error text,
    add column blocked_at timestamptz;

drop index outbox_event_waiting;
create index outbox_event_waiting on outbox_event (id) where published_at is null and blocked_at is null;
create index outbox_event_blocked on outbox_event (id) where blocked_at is not null;
