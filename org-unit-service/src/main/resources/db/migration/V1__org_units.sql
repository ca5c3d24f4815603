-- Accent- and case-insensitive form of Vietnamese text: 'Thanh Hóa', 'THANH HOA' and 'thanh hoa' fold alike.
create function vn_fold(text) returns text
    language sql immutable strict parallel safe
    return translate($1, 'ÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝàáâãäåèéêëìíîïòóôõöùúûüýÿĀāĂăĄąĒēĔĕĖėĘęĚěĨĩĪīĬĭĮįİŌōŎŏŐőŨũŪūŬŭŮůŰűŲųŶŷŸƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǪǫǬǭǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȔȕȖȗȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḔḕḖḗḘḙḚḛḜḝḬḭḮḯṌṍṎṏṐṑṒṓṲṳṴṵṶṷṸṹṺṻẎẏẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹđĐABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaeeeeiiiiooooouuuuyaaaaaaeeeeiiiiooooouuuuyyaaaaaaeeeeeeeeeeiiiiiiiiioooooouuuuuuuuuuuuyyyoouuaaiioouuuuuuuuuuaaaaooooaaaaaaeeeeiiiioooouuuuaaeeooooooooyyaaeeeeeeeeeeiiiioooooooouuuuuuuuuuyyyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyddabcdefghijklmnopqrstuvwxyz');

create table org_unit (
    id                 uuid primary key,
    code               text        not null unique,
    name               text        not null,
    name_key           text        generated always as (vn_fold(name)) stored,
    type               text        not null check (type in ('CONFEDERATION', 'PROVINCIAL_FEDERATION', 'SECTOR_UNION',
                                                            'CORPORATION_UNION', 'DIRECT_SUPERIOR', 'GRASSROOTS')),
    parent_id          uuid references org_unit (id),
    province_id        uuid references org_unit (id),
    member_count       integer check (member_count >= 0),
    member_count_as_of date,
    valid_from         date,
    valid_to           date,
    successor_id       uuid references org_unit (id),
    version            bigint      not null default 0,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    check (valid_to is null or valid_to > valid_from),
    check ((parent_id is null) = (type = 'CONFEDERATION'))
);

-- The single root.
create unique index org_unit_one_root on org_unit ((true)) where parent_id is null;
create index org_unit_parent on org_unit (parent_id);
create index org_unit_province on org_unit (province_id);
create index org_unit_type on org_unit (type);
