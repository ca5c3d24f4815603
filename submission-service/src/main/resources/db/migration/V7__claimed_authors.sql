-- Co-authors a member names are claimed until they confirm: only confirmed authors count as submitters. Authors
-- stored before this rule stay as they were counted.
alter table initiative_author add column confirmed boolean not null default true;
