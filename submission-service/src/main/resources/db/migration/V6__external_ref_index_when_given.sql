-- externalRef (a provincial system's id) is unique per province when it is given. Most initiatives are submitted by
-- members and have none: a partial index keeps the rule and spares each of their submissions an index entry.
create unique index initiative_external_ref on initiative (province_id, external_ref) where external_ref is not null;
alter table initiative drop constraint initiative_province_id_external_ref_key;
