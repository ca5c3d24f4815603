package vn.congdoan.sangkien.orgunit.service;

import static vn.congdoan.sangkien.events.OrgUnitType.CONFEDERATION;
import static vn.congdoan.sangkien.events.OrgUnitType.CORPORATION_UNION;
import static vn.congdoan.sangkien.events.OrgUnitType.DIRECT_SUPERIOR;
import static vn.congdoan.sangkien.events.OrgUnitType.GRASSROOTS;
import static vn.congdoan.sangkien.events.OrgUnitType.PROVINCIAL_FEDERATION;
import static vn.congdoan.sangkien.events.OrgUnitType.SECTOR_UNION;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/** Which kind of unit may sit directly under which. */
public final class HierarchyRules {

    /**
     * The confederation and the kinds of unit that sit directly under it. Their member counts and targets are set by
     * national administrators; those of the units below them, lower down.
     */
    public static final Set<OrgUnitType> NATIONAL_LEVEL = EnumSet.of(CONFEDERATION, PROVINCIAL_FEDERATION,
            SECTOR_UNION, CORPORATION_UNION);

    private static final Map<OrgUnitType, Set<OrgUnitType>> ALLOWED_PARENTS = Map.of(
            CONFEDERATION, EnumSet.noneOf(OrgUnitType.class),
            PROVINCIAL_FEDERATION, EnumSet.of(CONFEDERATION),
            SECTOR_UNION, EnumSet.of(CONFEDERATION),
            CORPORATION_UNION, EnumSet.of(CONFEDERATION),
            DIRECT_SUPERIOR, EnumSet.of(PROVINCIAL_FEDERATION, SECTOR_UNION, CORPORATION_UNION, DIRECT_SUPERIOR),
            GRASSROOTS, EnumSet.of(PROVINCIAL_FEDERATION, SECTOR_UNION, CORPORATION_UNION, DIRECT_SUPERIOR));

    private HierarchyRules() {
    }

    public static boolean allowed(OrgUnitType child, OrgUnitType parent) {
        return ALLOWED_PARENTS.get(child).contains(parent);
    }

    /** @throws ProblemException 422 naming {@code parentId} when {@code child} may not sit under {@code parent} */
    public static void checkPlacement(OrgUnitType child, OrgUnitType parent) {
        if (child == CONFEDERATION) {
            throw ProblemException.unprocessable("type", Text.of("There is exactly one confederation, the root",
                    "Chỉ có đúng một Tổng Liên đoàn, là gốc của hệ thống"));
        }
        if (!allowed(child, parent)) {
            throw ProblemException.unprocessable("parentId", Text.of("A " + child + " cannot sit under a " + parent
                    + "; allowed parents: " + ALLOWED_PARENTS.get(child), "Đơn vị " + child + " không thể nằm dưới "
                    + parent + "; cấp trên được phép: " + ALLOWED_PARENTS.get(child))).allowed(ALLOWED_PARENTS.get(child));
        }
    }
}
