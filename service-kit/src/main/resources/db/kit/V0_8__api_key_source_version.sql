-- A replica of an API key applies a state only when it is newer than the one it holds (a replayed or reordered older
-- record must not bring a revoked key back): the version of the state it last applied.
alter table api_key add column source_version bigint not null default -1;
