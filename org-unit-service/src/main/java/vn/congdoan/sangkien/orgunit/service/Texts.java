package vn.congdoan.sangkien.orgunit.service;

import vn.congdoan.sangkien.kit.problem.Text;

/** Words of the service's problems that several rules share. */
public final class Texts {

    public static final Text UNIT = Text.of("Unit", "Đơn vị");
    public static final Text GROUPING = Text.of("Grouping", "Nhóm (khu vực, cụm thi đua)");
    public static final Text PROGRAMME = Text.of("Programme", "Chương trình");
    public static final Text PROVINCE = Text.of("Provincial federation", "Liên đoàn lao động tỉnh, thành phố");

    private Texts() {
    }
}
