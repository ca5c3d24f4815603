-- Published rows are deleted oldest id first (ids grow in publishing order), so the index on published_at only
-- cost every published row another index entry.
drop index outbox_event_published;
