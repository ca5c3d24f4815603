-- Emulation programmes (chương trình thi đua), their phases (giai đoạn) and each unit's target (chỉ tiêu) per phase.
-- end_date is the programme's last day. A phase's dates stay empty while they are not known.
create table programme (
    code            text primary key,
    name            text        not null,
    start_date      date        not null,
    end_date        date        not null,
    national_target bigint check (national_target >= 0),
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (end_date >= start_date)
);

create table programme_phase (
    id             bigint generated always as identity primary key,
    programme_code text not null references programme (code),
    code           text not null,
    name           text not null,
    start_date     date,
    end_date       date,
    unique (programme_code, code),
    check (end_date >= start_date)
);

create table programme_target (
    phase_id bigint not null references programme_phase (id),
    unit_id  uuid   not null references org_unit (id),
    target   bigint not null check (target >= 0),
    primary key (phase_id, unit_id)
);

create index programme_target_unit on programme_target (unit_id);
