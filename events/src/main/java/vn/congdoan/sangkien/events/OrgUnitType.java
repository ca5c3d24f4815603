package vn.congdoan.sangkien.events;

/** Levels of the union hierarchy (see DOMAIN.md). */
public enum OrgUnitType {
    CONFEDERATION,
    PROVINCIAL_FEDERATION,
    SECTOR_UNION,
    CORPORATION_UNION,
    DIRECT_SUPERIOR,
    GRASSROOTS
}
