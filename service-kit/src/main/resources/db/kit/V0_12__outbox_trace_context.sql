-- The W3C trace context of the request that wrote the event, sent with it as the record's traceparent header; null
-- when tracing is off.
alter table outbox_event add column trace_parent text;
