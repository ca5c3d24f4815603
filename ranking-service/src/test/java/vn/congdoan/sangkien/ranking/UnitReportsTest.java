package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.congdoan.sangkien.ranking.UnitTree.WAIT;
import static vn.congdoan.sangkien.ranking.UnitTree.on;
import static vn.congdoan.sangkien.ranking.UnitTree.row;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.InitiativeEvent;

/**
 * Breakdowns by field and sector, and the weekly report of a province for its standing committee. Every day here is
 * in March 2022, long past.
 */
@QuarkusTest
@WithRankingResources
class UnitReportsTest {

    private static final String BREAKDOWN = "/api/v1/standings/units/{u}/breakdown";
    private static final String REPORT = "/api/v1/standings/units/{u}/report";

    /** The one initiative the history recognises, and its title as submission-service would show it. */
    private static UUID hospital;
    private static final String HOSPITAL_TITLE = "Rút ngắn thời gian chờ khám bằng đặt lịch trực tuyến";

    /** Four initiatives: two in the week of 7 March 2022 (one recognised in it), two the week before. */
    private static UnitTree history() {
        UnitTree t = new UnitTree();
        InitiativeEvent hospital = t.submittedIn(t.grassroots2a, on("2022-03-01"), "HEALTHCARE", "m-1");
        UnitReportsTest.hospital = hospital.initiativeId();
        Fixtures.send(hospital, t.submittedIn(t.grassroots1a, on("2022-03-02"), "PRODUCTION_TECHNICAL", "m-2"),
                t.submittedIn(t.grassroots1b, on("2022-03-08"), "EDUCATION", "m-3"),
                t.submittedIn(t.grassroots1b, on("2022-03-09"), "EDUCATION", "m-4"),
                UnitTree.recognized(hospital, on("2022-03-10")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district2))
                .containsEntry("recognized", 1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district1))
                .containsEntry("submissions", 3));
        return t;
    }

    private static Map<String, Object> group(JsonPath breakdown, String key) {
        return breakdown.getMap("groups.find { it.key == '" + key + "' }");
    }

    @Test
    void countsByFieldAndBySectorOfAPeriodForTheProgrammeAProvinceAndADistrict() {
        UnitTree t = history();

        JsonPath fields = given().queryParam("programme", t.programme).queryParam("by", "FIELD")
                .queryParam("from", "2022-03-07").queryParam("to", "2022-03-13").get(BREAKDOWN, t.province).then()
                .statusCode(200).extract().jsonPath();
        assertThat(group(fields, "EDUCATION")).containsEntry("submissions", 2).containsEntry("submissionsToDate", 2);
        assertThat(group(fields, "HEALTHCARE")).containsEntry("submissions", 0).containsEntry("recognized", 1)
                .containsEntry("submissionsToDate", 1).containsEntry("recognizedToDate", 1);
        assertThat(group(fields, "PRODUCTION_TECHNICAL")).containsEntry("submissions", 0)
                .containsEntry("submissionsToDate", 1);

        JsonPath sectors = given().queryParam("programme", t.programme).queryParam("by", "SECTOR")
                .queryParam("to", "2022-03-13").get(BREAKDOWN, t.confederation).then().statusCode(200).extract()
                .jsonPath();
        assertThat(sectors.getList("groups.key")).startsWith("STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE",
                "FOREIGN_INVESTED_ENTERPRISE", "PUBLIC_SERVICE_UNIT", "ADMINISTRATIVE_BODY", "OTHER");
        assertThat(group(sectors, "PUBLIC_SERVICE_UNIT")).containsEntry("submissionsToDate", 3);
        assertThat(group(sectors, "FOREIGN_INVESTED_ENTERPRISE")).containsEntry("submissionsToDate", 1);
        assertThat(group(sectors, "STATE_OWNED_ENTERPRISE")).containsEntry("submissionsToDate", 0);

        JsonPath district = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("by", "SECTOR").queryParam("to", "2022-03-13").get(BREAKDOWN, t.district1).then()
                .statusCode(200).extract().jsonPath();
        assertThat(group(district, "PUBLIC_SERVICE_UNIT")).containsEntry("submissionsToDate", 2);
        assertThat(group(district, "FOREIGN_INVESTED_ENTERPRISE")).containsEntry("submissionsToDate", 1);
        // a district's breakdown is for the province's people; the province's own is public
        given().queryParam("programme", t.programme).queryParam("by", "SECTOR").get(BREAKDOWN, t.district1).then()
                .statusCode(401);
        given().queryParam("programme", t.programme).queryParam("by", "BLOCK").get(BREAKDOWN, t.province).then()
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("programme", t.programme).queryParam("by", "FIELD").queryParam("from", "2022-03-14")
                .queryParam("to", "2022-03-13").get(BREAKDOWN, t.province).then().statusCode(400);
    }

    @Test
    void theWeeklyReportRanksTheUnitsNamesTheMoversAndTheRecognisedInitiatives() {
        UnitTree t = history();

        JsonPath report = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("to", "2022-03-13").get(REPORT, t.province).then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("from")).isEqualTo("2022-03-07");
        assertThat(report.getList("units.code")).hasSize(2);
        assertThat(report.getMap("units[0]")).containsEntry("unitId", t.district1.toString())
                .containsEntry("submissions", 3).containsEntry("inPeriod", 2).containsEntry("rankBefore", 1)
                .containsEntry("placesGained", 0);
        assertThat(report.getList("mostActive.unitId")).containsExactly(t.grassroots1b.toString());
        assertThat(report.getMap("mostActive[0]")).containsEntry("inPeriod", 2);
        assertThat(report.getList("newlyRecognized.unitId")).containsExactly(t.grassroots2a.toString());
        assertThat(report.getMap("newlyRecognized[0]")).containsEntry("recognized", "2022-03-10")
                .containsEntry("unitName", "Công đoàn Bệnh viện Đa khoa tỉnh")
                .containsEntry("initiativeId", hospital.toString());
        // submission-service not answering: the initiatives are named by id, and the report says why
        assertThat(report.getString("titles")).isEqualTo("UNAVAILABLE");
        assertThat(report.getMap("newlyRecognized[0]").get("title")).isNull();

        JsonPath firstWeek = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("from", "2022-03-02").queryParam("to", "2022-03-08").get(REPORT, t.province).then()
                .statusCode(200).extract().jsonPath();
        // second at the end of 1 March, first at the end of the 8th
        assertThat(firstWeek.getList("movers.unitId")).containsExactly(t.district1.toString());
        assertThat(firstWeek.getMap("movers[0]")).containsEntry("rankBefore", 2).containsEntry("placesGained", 1);
    }

    @Test
    void theRecognisedInitiativesAreTitledAsSubmissionServiceShowsThemToTheCaller() throws Exception {
        UnitTree t = history();
        String member = t.member();
        try (StandInSubmissionService submissions = StandInSubmissionService.start(Map.of(hospital, HOSPITAL_TITLE))) {
            JsonPath report = given().header("Authorization", member).queryParam("programme", t.programme)
                    .queryParam("to", "2022-03-13").get(REPORT, t.province).then().statusCode(200).extract()
                    .jsonPath();

            assertThat(report.getString("titles")).isEqualTo("SHOWN");
            assertThat(report.getMap("newlyRecognized[0]")).containsEntry("title", HOSPITAL_TITLE);
            // asked with the caller's own credentials, so that submission-service's rules decide what is shown
            assertThat(submissions.asked()).containsExactly(new StandInSubmissionService.Asked(member,
                    List.of(hospital.toString())));

            byte[] xlsx = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                    .queryParam("to", "2022-03-13").queryParam("format", "xlsx").get(REPORT, t.province).then()
                    .statusCode(200).extract().asByteArray();
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet recognized = book.getSheet("Được công nhận");
                assertThat(recognized.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Tên sáng kiến");
                assertThat(recognized.getRow(2).getCell(1).getStringCellValue()).isEqualTo(HOSPITAL_TITLE);
            }
        }
    }

    @Test
    void aSubmissionServiceThatDoesNotAnswerInTimeLeavesTheInitiativesNamedById() throws Exception {
        UnitTree t = history();
        try (StandInSubmissionService silent = StandInSubmissionService.hanging()) {
            JsonPath report = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                    .queryParam("to", "2022-03-13").get(REPORT, t.province).then().statusCode(200).extract()
                    .jsonPath();

            assertThat(report.getString("titles")).isEqualTo("UNAVAILABLE");
            assertThat(report.getList("newlyRecognized.initiativeId")).containsExactly(hospital.toString());
        }
    }

    @Test
    void theReportOpensAsAWorkbookAndAsCsvWithItsVietnameseNamesIntact() throws Exception {
        UnitTree t = history();

        byte[] xlsx = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("to", "2022-03-13").queryParam("format", "xlsx").get(REPORT, t.province).then()
                .statusCode(200).contentType(ReportContentTypes.XLSX).header("Content-Disposition",
                        org.hamcrest.Matchers.containsString(".xlsx")).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2),
                    book.getSheetName(3))).containsExactly("Xếp hạng", "Tiến bộ nhất", "Sôi nổi nhất",
                    "Được công nhận");
            Sheet ranked = book.getSheet("Xếp hạng");
            assertThat(ranked.getRow(0).getCell(0).getStringCellValue()).startsWith("Liên đoàn Lao động tỉnh Hà Tĩnh");
            assertThat(ranked.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Tên đơn vị");
            assertThat(ranked.getRow(2).getCell(2).getStringCellValue()).isEqualTo("Liên đoàn Lao động huyện Kỳ Anh");
            assertThat(ranked.getRow(2).getCell(3).getNumericCellValue()).isEqualTo(3.0);
            assertThat(book.getSheet("Được công nhận").getRow(2).getCell(4).getStringCellValue())
                    .isEqualTo("Công đoàn Bệnh viện Đa khoa tỉnh");
        }

        byte[] csv = given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("to", "2022-03-13").queryParam("format", "csv").get(REPORT, t.province).then()
                .statusCode(200).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFHạng,Mã đơn vị,Tên đơn vị");
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).contains("Liên đoàn Lao động huyện Kỳ Anh,3,");
    }

    @Test
    void aReportIsForThePeopleOfItsProvince() {
        UnitTree t = history();

        given().queryParam("programme", t.programme).get(REPORT, t.province).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", vn.congdoan.sangkien.testsupport.Tokens.bearer(
                vn.congdoan.sangkien.kit.security.Roles.UNIT_ADMIN, t.otherProvince.toString()))
                .queryParam("programme", t.programme).get(REPORT, t.province).then().statusCode(403);
        given().header("Authorization", t.member()).queryParam("programme", t.programme)
                .queryParam("format", "pdf").get(REPORT, t.province).then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** The media type of a workbook. */
    private static final class ReportContentTypes {
        static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
}
