package vn.congdoan.sangkien.orgunit.rest;

import java.util.List;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.Label;

/**
 * What clients show for the types of unit, their sectors and the kinds of grouping, in Vietnamese and English. A value
 * without a label does not compile: the switches name every constant.
 */
public record UnitLabels(List<Label> type, List<Label> sector, List<Label> groupingKind) {

    static final UnitLabels ALL = new UnitLabels(Label.of(OrgUnitType.class, UnitLabels::of),
            Label.of(UnitSector.class, UnitLabels::of), Label.of(GroupingKind.class, UnitLabels::of));

    static Text of(OrgUnitType type) {
        return switch (type) {
            case CONFEDERATION -> Text.of("Vietnam General Confederation of Labour",
                    "Tổng Liên đoàn Lao động Việt Nam");
            case PROVINCIAL_FEDERATION -> Text.of("Provincial labour federation", "Liên đoàn Lao động tỉnh, thành phố");
            case SECTOR_UNION -> Text.of("Central sector union", "Công đoàn ngành Trung ương");
            case CORPORATION_UNION -> Text.of("Corporation union", "Công đoàn Tổng công ty trực thuộc");
            case DIRECT_SUPERIOR -> Text.of("Direct-superior union", "Công đoàn cấp trên trực tiếp cơ sở");
            case GRASSROOTS -> Text.of("Grassroots union", "Công đoàn cơ sở");
        };
    }

    static Text of(UnitSector sector) {
        return switch (sector) {
            case STATE_OWNED_ENTERPRISE -> Text.of("State-owned enterprise", "Doanh nghiệp nhà nước");
            case PRIVATE_ENTERPRISE -> Text.of("Private enterprise", "Doanh nghiệp ngoài nhà nước");
            case FOREIGN_INVESTED_ENTERPRISE -> Text.of("Foreign-invested enterprise",
                    "Doanh nghiệp có vốn đầu tư nước ngoài");
            case PUBLIC_SERVICE_UNIT -> Text.of("Public service unit (hospital, school, institute)",
                    "Đơn vị sự nghiệp công lập");
            case ADMINISTRATIVE_BODY -> Text.of("Administrative body", "Cơ quan hành chính nhà nước");
            case OTHER -> Text.of("Other", "Khác");
        };
    }

    static Text of(GroupingKind kind) {
        return switch (kind) {
            case REGION -> Text.of("Region", "Khu vực");
            case EMULATION_CLUSTER -> Text.of("Emulation cluster", "Cụm thi đua");
        };
    }
}
