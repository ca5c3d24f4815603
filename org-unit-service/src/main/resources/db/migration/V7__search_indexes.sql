-- Substring search on folded names ('%hoa sen%') at 150,000 units needs a trigram index.
create extension if not exists pg_trgm;
-- fastupdate off: a pending list left by a bulk import would make every search scan it until the next vacuum.
create index org_unit_period_name_trgm on org_unit_period using gin (name_key gin_trgm_ops) with (fastupdate = off);
create index org_unit_code_folded on org_unit (vn_fold(code));
