-- Reference data: the confederation and the 63 provincial federations of 2022 with their official province codes.
-- Ids are derived from the codes so that every installation agrees on them. Founding dates are not known:
-- valid_from stays empty, meaning "in force since before these records".
create function org_unit_id(code text) returns uuid
    language sql immutable strict
    return md5('org-unit:' || code)::uuid;

insert into org_unit (id, code, name, type, parent_id)
values (org_unit_id('TLD'), 'TLD', 'Tổng Liên đoàn Lao động Việt Nam', 'CONFEDERATION', null);

insert into org_unit (id, code, name, type, parent_id, province_id)
select org_unit_id(p.code), p.code, p.name, 'PROVINCIAL_FEDERATION', org_unit_id('TLD'), org_unit_id(p.code)
from (values
    ('01', 'Liên đoàn Lao động thành phố Hà Nội'),
    ('02', 'Liên đoàn Lao động tỉnh Hà Giang'),
    ('04', 'Liên đoàn Lao động tỉnh Cao Bằng'),
    ('06', 'Liên đoàn Lao động tỉnh Bắc Kạn'),
    ('08', 'Liên đoàn Lao động tỉnh Tuyên Quang'),
    ('10', 'Liên đoàn Lao động tỉnh Lào Cai'),
    ('11', 'Liên đoàn Lao động tỉnh Điện Biên'),
    ('12', 'Liên đoàn Lao động tỉnh Lai Châu'),
    ('14', 'Liên đoàn Lao động tỉnh Sơn La'),
    ('15', 'Liên đoàn Lao động tỉnh Yên Bái'),
    ('17', 'Liên đoàn Lao động tỉnh Hòa Bình'),
    ('19', 'Liên đoàn Lao động tỉnh Thái Nguyên'),
    ('20', 'Liên đoàn Lao động tỉnh Lạng Sơn'),
    ('22', 'Liên đoàn Lao động tỉnh Quảng Ninh'),
    ('24', 'Liên đoàn Lao động tỉnh Bắc Giang'),
    ('25', 'Liên đoàn Lao động tỉnh Phú Thọ'),
    ('26', 'Liên đoàn Lao động tỉnh Vĩnh Phúc'),
    ('27', 'Liên đoàn Lao động tỉnh Bắc Ninh'),
    ('30', 'Liên đoàn Lao động tỉnh Hải Dương'),
    ('31', 'Liên đoàn Lao động thành phố Hải Phòng'),
    ('33', 'Liên đoàn Lao động tỉnh Hưng Yên'),
    ('34', 'Liên đoàn Lao động tỉnh Thái Bình'),
    ('35', 'Liên đoàn Lao động tỉnh Hà Nam'),
    ('36', 'Liên đoàn Lao động tỉnh Nam Định'),
    ('37', 'Liên đoàn Lao động tỉnh Ninh Bình'),
    ('38', 'Liên đoàn Lao động tỉnh Thanh Hóa'),
    ('40', 'Liên đoàn Lao động tỉnh Nghệ An'),
    ('42', 'Liên đoàn Lao động tỉnh Hà Tĩnh'),
    ('44', 'Liên đoàn Lao động tỉnh Quảng Bình'),
    ('45', 'Liên đoàn Lao động tỉnh Quảng Trị'),
    ('46', 'Liên đoàn Lao động tỉnh Thừa Thiên Huế'),
    ('48', 'Liên đoàn Lao động thành phố Đà Nẵng'),
    ('49', 'Liên đoàn Lao động tỉnh Quảng Nam'),
    ('51', 'Liên đoàn Lao động tỉnh Quảng Ngãi'),
    ('52', 'Liên đoàn Lao động tỉnh Bình Định'),
    ('54', 'Liên đoàn Lao động tỉnh Phú Yên'),
    ('56', 'Liên đoàn Lao động tỉnh Khánh Hòa'),
    ('58', 'Liên đoàn Lao động tỉnh Ninh Thuận'),
    ('60', 'Liên đoàn Lao động tỉnh Bình Thuận'),
    ('62', 'Liên đoàn Lao động tỉnh Kon Tum'),
    ('64', 'Liên đoàn Lao động tỉnh Gia Lai'),
    ('66', 'Liên đoàn Lao động tỉnh Đắk Lắk'),
    ('67', 'Liên đoàn Lao động tỉnh Đắk Nông'),
    ('68', 'Liên đoàn Lao động tỉnh Lâm Đồng'),
    ('70', 'Liên đoàn Lao động tỉnh Bình Phước'),
    ('72', 'Liên đoàn Lao động tỉnh Tây Ninh'),
    ('74', 'Liên đoàn Lao động tỉnh Bình Dương'),
    ('75', 'Liên đoàn Lao động tỉnh Đồng Nai'),
    ('77', 'Liên đoàn Lao động tỉnh Bà Rịa - Vũng Tàu'),
    ('79', 'Liên đoàn Lao động thành phố Hồ Chí Minh'),
    ('80', 'Liên đoàn Lao động tỉnh Long An'),
    ('82', 'Liên đoàn Lao động tỉnh Tiền Giang'),
    ('83', 'Liên đoàn Lao động tỉnh Bến Tre'),
    ('84', 'Liên đoàn Lao động tỉnh Trà Vinh'),
    ('86', 'Liên đoàn Lao động tỉnh Vĩnh Long'),
    ('87', 'Liên đoàn Lao động tỉnh Đồng Tháp'),
    ('89', 'Liên đoàn Lao động tỉnh An Giang'),
    ('91', 'Liên đoàn Lao động tỉnh Kiên Giang'),
    ('92', 'Liên đoàn Lao động thành phố Cần Thơ'),
    ('93', 'Liên đoàn Lao động tỉnh Hậu Giang'),
    ('94', 'Liên đoàn Lao động tỉnh Sóc Trăng'),
    ('95', 'Liên đoàn Lao động tỉnh Bạc Liêu'),
    ('96', 'Liên đoàn Lao động tỉnh Cà Mau')
) as p(code, name);

-- Hà Tĩnh: 69,000 members (source article of 17 April 2022).
update org_unit set member_count = 69000, member_count_as_of = date '2022-04-15' where code = '42';

-- Publish the reference units like any other change, so the topic alone rebuilds the hierarchy.
insert into outbox_event (topic, record_key, payload)
select 'org-units.v1', id::text, json_build_object(
        'id', id, 'code', code, 'name', name, 'type', type, 'parentId', parent_id, 'provinceId', province_id,
        'memberCount', member_count, 'memberCountAsOf', member_count_as_of, 'validFrom', valid_from,
        'validTo', valid_to, 'successorId', successor_id, 'version', version)::text
from org_unit
order by parent_id nulls first, code;
