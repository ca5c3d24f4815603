-- A rebuild runs in the background as a job: one at a time across all instances, its report kept with it. A job
-- left RUNNING by an instance that stopped is taken up again by the next instance that finds no one running it.
create table rebuild_job (
    id             uuid primary key,
    programme_code text,
    repair         boolean     not null,
    requested_by   text,
    requested_at   timestamptz not null,
    state          text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    phase          text        not null,
    finished_at    timestamptz,
    report         jsonb,
    error          text
);
create unique index rebuild_job_one_running on rebuild_job (state) where state = 'RUNNING';
create index rebuild_job_recent on rebuild_job (requested_at desc);

-- Where the rebuilt counters stand, written with each batch they apply, so that a job taken up again goes on from
-- there. Unlogged like the counters: a crash empties both, and the job starts again from offset 0.
create unlogged table rebuild.consumed_position (like public.consumed_position including all);

-- The rebuilt counters are not clamped at 0: a count that goes below 0 is a finding the report shows, where the live
-- counters' checks would refuse it.
do $$
declare
    c record;
begin
    for c in select k.conrelid::regclass as tab, k.conname from pg_constraint k
             join pg_namespace n on n.oid = k.connamespace
             where n.nspname = 'rebuild' and k.contype = 'c'
    loop
        execute format('alter table %s drop constraint %I', c.tab, c.conname);
    end loop;
end $$;
