-- Renames, moves and merges decided ahead of their day. Each waits here until its day comes (Asia/Ho_Chi_Minh), when
-- the service applies it as if it had been sent that day, or records why it no longer can.
create table scheduled_change (
    id              uuid primary key,
    kind            text not null check (kind in ('RENAME', 'MOVE', 'MERGE')),
    -- the unit renamed or moved; the successor of a merge
    unit_id         uuid not null references org_unit (id),
    effective_from  date not null,
    -- the change itself, as JSON: {"name":…} for a rename, {"parentId":…} for a move, {"sources":[…]} for a merge
    request         text not null,
    -- every unit it concerns: the unit, a move's new parent, a merge's sources
    units           uuid[] not null,
    status          text not null check (status in ('PENDING', 'APPLIED', 'FAILED', 'CANCELLED')),
    -- why it failed: the field and detail of the problem its day's rules raised
    problem_field   text,
    problem_detail  text,
    requested_by    text,
    -- the unit whose admin scheduled it, checked again when it is applied; null for a national admin
    requester_unit  uuid,
    -- failed attempts to apply it other than a rule's refusal (the database gone, a timeout)
    attempts        int not null default 0,
    created_at      timestamptz not null,
    settled_at      timestamptz
);

create index scheduled_change_due on scheduled_change (effective_from, created_at) where status = 'PENDING';
create index scheduled_change_units on scheduled_change using gin (units);
