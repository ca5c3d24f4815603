-- The kind of workplace a unit organises (khối), for the breakdowns of the standings by sector: meant for grassroots
-- unions, allowed on any unit. Not part of a unit's periods: it describes the workplace, not its place in the tree.
-- The values are those of vn.congdoan.sangkien.events.UnitSector; a new one needs a migration here too.
alter table org_unit add column sector text check (sector in ('STATE_OWNED_ENTERPRISE', 'PRIVATE_ENTERPRISE',
    'FOREIGN_INVESTED_ENTERPRISE', 'PUBLIC_SERVICE_UNIT', 'ADMINISTRATIVE_BODY', 'OTHER'));
