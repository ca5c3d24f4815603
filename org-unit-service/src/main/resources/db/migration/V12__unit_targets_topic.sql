-- The targets of the units below the provinces now travel on unit-targets.v1, one record per unit and phase, instead
-- of inside their programme's record on programmes.v1. The targets already held are published once more there, by
-- the first instance that starts (TargetsRepublish), with their programmes; deleting this row is its claim.
create table republish_pending (
    topic text primary key
);
insert into republish_pending values ('unit-targets.v1');
