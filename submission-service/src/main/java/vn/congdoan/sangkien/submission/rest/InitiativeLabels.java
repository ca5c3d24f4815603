package vn.congdoan.sangkien.submission.rest;

import java.util.List;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.Label;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

/**
 * What clients show for the values of an initiative's field, status and visibility, in Vietnamese and English. A
 * value without a label does not compile: the switches name every constant.
 */
public record InitiativeLabels(List<Label> field, List<Label> status, List<Label> visibility) {

    static final InitiativeLabels ALL = new InitiativeLabels(Label.of(InitiativeField.class, InitiativeLabels::of),
            Label.of(InitiativeStatus.class, InitiativeLabels::of), Label.of(Visibility.class, InitiativeLabels::of));

    static Text of(InitiativeField field) {
        return switch (field) {
            case PRODUCTION_TECHNICAL -> Text.of("Production and technical", "Sản xuất – kỹ thuật");
            case MANAGEMENT_ADMINISTRATION -> Text.of("Management and administration", "Quản lý – hành chính");
            case HEALTHCARE -> Text.of("Healthcare", "Y tế");
            case EDUCATION -> Text.of("Education", "Giáo dục");
            case DIGITAL_TRANSFORMATION -> Text.of("Digital transformation", "Chuyển đổi số");
            case OCCUPATIONAL_SAFETY -> Text.of("Occupational safety and health", "An toàn, vệ sinh lao động");
            case EPIDEMIC_RESPONSE -> Text.of("Epidemic response", "Phòng, chống dịch bệnh");
            case OTHER -> Text.of("Other", "Lĩnh vực khác");
        };
    }

    static Text of(InitiativeStatus status) {
        return switch (status) {
            case DRAFT -> Text.of("Draft", "Bản nháp");
            case SUBMITTED -> Text.of("Submitted", "Đã gửi");
            case UNDER_REVIEW -> Text.of("Under review", "Đang đánh giá");
            case RECOGNIZED -> Text.of("Recognised", "Được công nhận");
            case NOT_RECOGNIZED -> Text.of("Not recognised", "Không được công nhận");
            case WITHDRAWN -> Text.of("Withdrawn", "Đã rút");
            case DUPLICATE -> Text.of("Duplicate", "Trùng lặp");
        };
    }

    static Text of(Visibility visibility) {
        return switch (visibility) {
            case PUBLIC -> Text.of("Public", "Công khai");
            case INTERNAL -> Text.of("Internal", "Nội bộ");
            case CONFIDENTIAL -> Text.of("Confidential", "Bảo mật");
        };
    }
}
