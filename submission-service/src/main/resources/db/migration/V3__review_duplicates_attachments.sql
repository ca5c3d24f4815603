-- The evaluation council's review, duplicates pointing at their original, and attachments (metadata only:
-- the files themselves live in the provinces' document stores).
alter table initiative
    add column review_started_at     timestamptz,
    add column novelty_score         smallint check (novelty_score between 1 and 10),
    add column feasibility_score     smallint check (feasibility_score between 1 and 10),
    add column effectiveness_score   smallint check (effectiveness_score between 1 and 10),
    add column review_decision       text check (review_decision in ('RECOGNIZED', 'NOT_RECOGNIZED')),
    add column estimated_benefit_vnd bigint check (estimated_benefit_vnd >= 0),
    add column review_comment        text,
    add column reviewed_by           text,
    add column reviewed_at           timestamptz,
    add column duplicate_of          uuid references initiative (id),
    add column marked_duplicate_by   text;

create table initiative_reviewer (
    initiative_id uuid        not null references initiative (id) on delete cascade,
    member_id     text        not null,
    assigned_by   text        not null,
    assigned_at   timestamptz not null,
    primary key (initiative_id, member_id)
);
create index initiative_reviewer_member on initiative_reviewer (member_id);

create table initiative_attachment (
    initiative_id uuid    not null references initiative (id) on delete cascade,
    position      integer not null,
    name          text    not null,
    size_bytes    bigint  not null check (size_bytes >= 0),
    media_type    text    not null,
    sha256        text    not null check (sha256 ~ '^[0-9a-f]{64}$'),
    primary key (initiative_id, position)
);
