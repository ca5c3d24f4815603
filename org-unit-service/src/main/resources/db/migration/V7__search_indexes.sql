-- Substring search on folded names ('%hoa sen%') at 150,000 units needs a trigram index.
create extension if not exists pg_trgm;
create index org_unit_period_name_trgm on org_unit_period using gin (name_key gin_trgm_ops);
create index org_unit_code_folded on org_unit (vn_fold(code));
