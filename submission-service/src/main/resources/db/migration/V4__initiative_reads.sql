-- Lists page by (created_at, id), newest first, over everything or one province; export walks a province the same way.
create index initiative_created on initiative (created_at, id);
create index initiative_province_created on initiative (province_id, created_at, id);
-- Unit-subtree filters walk the replica down from a unit; imports and exports name a province by its code.
create index org_unit_replica_parent on org_unit_replica (parent_id);
create index org_unit_replica_code on org_unit_replica (code);
