-- Reference data: the eight traditional regions of Vietnam, the emulation cluster of the source article
-- (Lao Động Thủ Đô, 17 April 2022) and the "1 triệu sáng kiến" programme. Only what is known is recorded: no
-- membership has a start date ("since before these records"), and phase 1's dates stay empty.
-- Ids are derived from the codes, like those of the units, so that every installation agrees on them.
create function org_grouping_id(code text) returns uuid
    language sql immutable strict
    return md5('org-grouping:' || code)::uuid;

insert into org_grouping (id, code, name, kind)
select org_grouping_id(g.code), g.code, g.name, g.kind
from (values
    ('REGION-TAY-BAC', 'Tây Bắc Bộ', 'REGION'),
    ('REGION-DONG-BAC', 'Đông Bắc Bộ', 'REGION'),
    ('REGION-DONG-BANG-SONG-HONG', 'Đồng bằng sông Hồng', 'REGION'),
    ('REGION-BAC-TRUNG-BO', 'Bắc Trung Bộ', 'REGION'),
    ('REGION-DUYEN-HAI-NAM-TRUNG-BO', 'Duyên hải Nam Trung Bộ', 'REGION'),
    ('REGION-TAY-NGUYEN', 'Tây Nguyên', 'REGION'),
    ('REGION-DONG-NAM-BO', 'Đông Nam Bộ', 'REGION'),
    ('REGION-DONG-BANG-SONG-CUU-LONG', 'Đồng bằng sông Cửu Long', 'REGION'),
    -- The article names no cluster, only the provinces that met together: the name says just that.
    ('CLUSTER-BAC-TRUNG-BO-NINH-BINH', 'Cụm thi đua Bắc Trung Bộ và Ninh Bình', 'EMULATION_CLUSTER')
) as g(code, name, kind);

-- Provinces by the official two-digit codes seeded in V2; the eight regions cover the 63 provinces of 2022 once each.
insert into org_grouping_member (grouping_id, unit_id)
select org_grouping_id(g.code), org_unit_id(u.code)
from (values
    ('REGION-TAY-BAC', array['10', '11', '12', '14', '15', '17']),
    ('REGION-DONG-BAC', array['02', '04', '06', '08', '19', '20', '22', '24', '25']),
    ('REGION-DONG-BANG-SONG-HONG', array['01', '26', '27', '30', '31', '33', '34', '35', '36', '37']),
    ('REGION-BAC-TRUNG-BO', array['38', '40', '42', '44', '45', '46']),
    ('REGION-DUYEN-HAI-NAM-TRUNG-BO', array['48', '49', '51', '52', '54', '56', '58', '60']),
    ('REGION-TAY-NGUYEN', array['62', '64', '66', '67', '68']),
    ('REGION-DONG-NAM-BO', array['70', '72', '74', '75', '77', '79']),
    ('REGION-DONG-BANG-SONG-CUU-LONG', array['80', '82', '83', '84', '86', '87', '89', '91', '92', '93', '94', '95', '96']),
    ('CLUSTER-BAC-TRUNG-BO-NINH-BINH', array['37', '38', '40', '42', '44', '45', '46'])
) as g(code, units)
cross join lateral unnest(g.units) with ordinality as u(code, n)
order by g.code, u.n;

-- The programme: 1 September 2021 to 1 September 2023 (its last day), one million initiatives nationwide.
insert into programme (code, name, start_date, end_date, national_target)
values ('1-trieu-sang-kien',
        '1 triệu sáng kiến, nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19',
        date '2021-09-01', date '2023-09-01', 1000000);

insert into programme_phase (programme_code, code, name)
values ('1-trieu-sang-kien', 'phase-1', 'Giai đoạn 1');

-- Nghệ An: 13,386 submissions were 446.2 % of its phase-1 target, so that target was 3,000.
insert into programme_target (phase_id, unit_id, target)
select id, org_unit_id('40'), 3000
from programme_phase
where programme_code = '1-trieu-sang-kien' and code = 'phase-1';

-- Publish the reference data like any other change, so that the topics alone carry it. Members and targets are in
-- the order the service writes them: memberships as recorded, targets by unit id.
insert into outbox_event (topic, record_key, payload)
select 'org-groupings.v1', g.id::text, json_build_object(
        'id', g.id, 'code', g.code, 'name', g.name, 'kind', g.kind, 'validFrom', g.valid_from,
        'validTo', g.valid_to,
        'members', coalesce((select json_agg(json_build_object(
                                    'unitId', m.unit_id, 'validFrom', m.valid_from, 'validTo', m.valid_to)
                                    order by m.id)
                             from org_grouping_member m
                             where m.grouping_id = g.id), '[]'::json),
        'version', g.version)::text
from org_grouping g
order by g.code;

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
order by p.code;
