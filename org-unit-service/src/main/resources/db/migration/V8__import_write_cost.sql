-- A bulk import of 150,000 units spent a third of its database time adding each name's trigrams one by one to the
-- search index. With fastupdate the import appends them to the index's pending list, and the import merges that list
-- in one sorted pass when it ends (OrgUnitImportService), so that searches never scan a long pending list.
alter index org_unit_period_name_trgm set (fastupdate = on);

-- Names are searched on their periods (org_unit_period.name_key); the copy on org_unit was never read.
drop index org_unit_name_key;
alter table org_unit drop column name_key;
