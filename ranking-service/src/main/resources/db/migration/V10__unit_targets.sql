-- The targets of the units below the provinces, from unit-targets.v1: one row per unit and phase, with the version
-- of the record it came from (a replayed older record changes nothing). A null target: its parent took it away.
-- The targets set nationally stay in phase_target, with their programme.
create table unit_target (
    programme_code text   not null,
    phase_code     text   not null,
    unit_id        uuid   not null,
    target         bigint,
    version        bigint not null,
    primary key (programme_code, phase_code, unit_id)
);
-- Lower targets an older programmes.v1 record carried: from now on they come from unit-targets.v1 alone.
delete from phase_target t using unit u
where u.id = t.unit_id and u.type in ('DIRECT_SUPERIOR', 'GRASSROOTS');
