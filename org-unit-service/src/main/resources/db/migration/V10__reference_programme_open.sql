-- The reference programme's one-million target was due on 2023-09-01, but the movement went on: the provinces' standings
-- are kept through the merger of provinces of 2025-07-01. A programme takes submissions only between its dates, so the
-- reference programme has no end; its national administrators set one when it closes.
alter table programme alter column end_date drop not null;
update programme set end_date = null, version = version + 1
where code = '1-trieu-sang-kien' and end_date = date '2023-09-01';

insert into outbox_event (topic, record_key, payload)
select 'programmes.v1', p.code, json_build_object(
        'code', p.code, 'name', p.name, 'startDate', p.start_date, 'endDate', p.end_date,
        'nationalTarget', p.national_target,
        'phases', coalesce((select json_agg(json_build_object(
                                   'code', ph.code, 'name', ph.name, 'startDate', ph.start_date,
                                   'endDate', ph.end_date,
                                   'targets', coalesce((select json_agg(json_build_object(
                                                               'unitId', t.unit_id, 'target', t.target)
                                                               order by t.unit_id)
                                                        from programme_target t
                                                        where t.phase_id = ph.id), '[]'::json))
                                   order by ph.id)
                            from programme_phase ph
                            where ph.programme_code = p.code), '[]'::json),
        'version', p.version)::text
from programme p
where p.code = '1-trieu-sang-kien' and p.end_date is null;
