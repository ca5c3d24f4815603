package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.orgunit.service.ScheduledChanges;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.SignedInAsNationalAdmin;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * Restructuring decided ahead of its day. The day coming is {@link ScheduledChanges#applyDue} called with that day,
 * as the service's own timer calls it with today.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class ScheduledChangesTest extends SignedInAsNationalAdmin {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Inject
    ScheduledChanges scheduled;

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void aMergeDecidedAheadChangesNothingUntilItsDayThenTakesEffectWithItsEvents() {
        String source = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Sáp Nhập", "2020-01-01");
        String successor = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Tiếp Nhận", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", source, "Liên đoàn Lao động huyện Theo Tỉnh", "2020-01-01");
        LocalDate day = TODAY.plusDays(10);

        String location = given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + source + "\"],\"successorId\":\"" + successor + "\",\"date\":\"" + day + "\"}")
                .post("/api/v1/units/merge").then()
                .statusCode(202)
                .body("kind", equalTo("MERGE")).body("status", equalTo("PENDING"))
                .body("unitId", equalTo(successor)).body("effectiveFrom", equalTo(day.toString()))
                .body("change.sources", equalTo(List.of(source)))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().get("/api/v1/units/" + source).then().body("validTo", nullValue()).body("successorId", nullValue());
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(source));
        given().queryParam("unitId", source).get("/api/v1/scheduled-changes").then()
                .statusCode(200).body("id", hasItem(id));

        scheduled.applyDue(day.minusDays(1));
        given().get(location).then().body("status", equalTo("PENDING"));

        scheduled.applyDue(day);
        given().get(location).then()
                .body("status", equalTo("APPLIED")).body("settledAt", notNullValue()).body("problem", nullValue());
        given().get("/api/v1/units/" + source).then()
                .body("validTo", equalTo(day.toString())).body("successorId", equalTo(successor));
        given().queryParam("asOf", day.minusDays(1).toString()).get("/api/v1/units/" + district).then()
                .body("parentId", equalTo(source));
        given().queryParam("asOf", day.toString()).get("/api/v1/units/" + district).then()
                .body("parentId", equalTo(successor)).body("provinceId", equalTo(successor));
        OrgUnitState event = EventJson.read(TopicProbe.awaitRecords(Topics.ORG_UNITS,
                r -> r.key().equals(source) && r.value().contains("\"successorId\":\"" + successor + "\""),
                Duration.ofSeconds(20)).get(0).value(), OrgUnitState.class);
        assertThat(event.validTo()).isEqualTo(day);

        // applied once: its day coming again does nothing
        scheduled.applyDue(day.plusDays(1));
        given().get(location).then().body("status", equalTo("APPLIED"));
    }

    @Test
    void aRenameAndAMoveForALaterDayWaitForItAndTheRenameNeedsTheCurrentETag() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Đổi Tên", "2020-01-01");
        String other = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Đón Về", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Chuyển Đi", "2020-01-01");
        String etag = Units.etagOf(province);
        LocalDate day = TODAY.plusDays(20);

        rename(province, "\"99\"", "Liên đoàn Lao động tỉnh Tên Mới", day).spec(problem(412, "If-Match"));
        String rename = rename(province, etag, "Liên đoàn Lao động tỉnh Tên Mới", day)
                .statusCode(202).body("kind", equalTo("RENAME"))
                .body("change.name", equalTo("Liên đoàn Lao động tỉnh Tên Mới")).extract().header("Location");
        String move = move(district, other, day)
                .statusCode(202).body("kind", equalTo("MOVE")).body("change.parentId", equalTo(other))
                .extract().header("Location");

        given().get("/api/v1/units/" + province).then()
                .header("ETag", equalTo(etag)).body("name", equalTo("Liên đoàn Lao động tỉnh Đổi Tên"));
        given().queryParam("unitId", other).get("/api/v1/scheduled-changes").then()
                .body("size()", equalTo(1)).body("[0].kind", equalTo("MOVE"));
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(province));

        scheduled.applyDue(day);
        given().get(rename).then().body("status", equalTo("APPLIED"));
        given().get(move).then().body("status", equalTo("APPLIED"));
        given().get("/api/v1/units/" + province).then().body("name", equalTo("Liên đoàn Lao động tỉnh Tên Mới"));
        given().queryParam("asOf", day.minusDays(1).toString()).get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Đổi Tên"));
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(other)).body("provinceId", equalTo(other));
        given().queryParam("asOf", day.minusDays(1).toString()).get("/api/v1/units/" + district).then()
                .body("parentId", equalTo(province));
    }

    @Test
    void whatTheRulesRefuseTodayIsRefusedAtOnceAndNothingIsScheduled() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Từ Chối", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Khác Loại", "2020-01-01");
        String grassroots = Units.create("GRASSROOTS", district, "Công đoàn cơ sở Lá", "2020-01-01");
        LocalDate day = TODAY.plusDays(30);

        given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + district + "\"],\"successorId\":\"" + province + "\",\"date\":\"" + day + "\"}")
                .post("/api/v1/units/merge").then().spec(problem(422, "sources"));
        move(district, grassroots, day).spec(problem(422, "parentId"));

        for (String unit : List.of(province, district, grassroots)) {
            given().queryParam("unitId", unit).get("/api/v1/scheduled-changes").then()
                    .statusCode(200).body("size()", equalTo(0));
        }
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(province)).body("validTo", nullValue());
        given().queryParam("status", "LATER").get("/api/v1/scheduled-changes").then().spec(problem(400, "status"));
    }

    @Test
    void aChangeItsDayNoLongerAllowsFailsWithTheProblemAndAppliesNothing() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Ở Lại", "2020-01-01");
        String closing = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Sắp Đóng", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Định Chuyển", "2020-01-01");
        LocalDate day = TODAY.plusDays(40);
        String move = accepted(move(district, closing, day));

        String etag = Units.etagOf(province);
        List<String> renames = new java.util.ArrayList<>();
        for (String name : List.of("Liên đoàn Lao động tỉnh Tên Một", "Liên đoàn Lao động tỉnh Tên Hai")) {
            renames.add(accepted(rename(province, etag, name, day)));
        }

        // meanwhile the destination ends
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/units/" + closing + "/deactivate").then()
                .statusCode(200);

        scheduled.applyDue(day);
        // the failed move holds nothing back, and changes of one day apply in the order they were scheduled
        renames.forEach(rename -> given().get(rename).then().body("status", equalTo("APPLIED")));
        given().queryParam("asOf", day.toString()).get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Tên Hai"));
        given().get(move).then()
                .body("status", equalTo("FAILED")).body("problem.field", equalTo("parentId"))
                .body("problem.detail", org.hamcrest.Matchers.containsString("no longer in force"));
        // monitoring hears of it; readiness does not (the service itself is fine)
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'scheduled-changes' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'scheduled-changes' }.data.latestFailed",
                        equalTo(move.substring(move.lastIndexOf('/') + 1)));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/units/" + district).then().body("parentId", equalTo(province));
        given().queryParam("asOf", day.toString()).get("/api/v1/units/" + district).then()
                .body("parentId", equalTo(province));
    }

    @Test
    void aPendingChangeCanBeCancelledByThoseWhoCouldSendItAndThenNeverApplies() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Giữ Tên", "2020-01-01");
        String etag = Units.etagOf(province);
        LocalDate day = TODAY.plusDays(50);
        String rename = accepted(rename(province, etag, "Liên đoàn Lao động tỉnh Tên Bỏ", day));

        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, Units.idOf("42"))).delete(rename).then()
                .spec(problem(403));
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, province)).delete(rename).then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, province)).delete(rename).then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("settledAt", notNullValue());
        given().delete(rename).then().spec(problem(409, "status"));

        scheduled.applyDue(day);
        given().get(rename).then().body("status", equalTo("CANCELLED"));
        given().get("/api/v1/units/" + province).then().body("name", equalTo("Liên đoàn Lao động tỉnh Giữ Tên"));
        given().queryParam("status", "PENDING").get("/api/v1/scheduled-changes").then()
                .body("id", not(hasItem(rename.substring(rename.lastIndexOf('/') + 1))));
        given().get("/api/v1/scheduled-changes/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void twoInstancesCheckingAtOnceApplyEachChangeOnce() throws Exception {
        String from = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Hai Máy", "2020-01-01");
        String to = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Một Lần", "2020-01-01");
        List<String> districts = new java.util.ArrayList<>();
        List<String> moves = new java.util.ArrayList<>();
        LocalDate day = TODAY.plusDays(60);
        for (int i = 0; i < 6; i++) {
            String district = Units.create("DIRECT_SUPERIOR", from, "Liên đoàn Lao động huyện Số " + i, "2020-01-01");
            districts.add(district);
            moves.add(accepted(move(district, to, day)));
        }

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> scheduled.applyDue(day));
            var second = pool.submit(() -> scheduled.applyDue(day));
            // other tests' changes of earlier days may be applied too; each of these once (below)
            assertThat(first.get() + second.get()).isGreaterThanOrEqualTo(districts.size());
        } finally {
            pool.shutdown();
        }
        moves.forEach(move -> given().get(move).then().body("status", equalTo("APPLIED")));
        for (String district : districts) {
            given().get("/api/v1/units/" + district).then().body("parentId", equalTo(to));
            List<?> published = TopicProbe.awaitRecords(Topics.ORG_UNITS,
                    r -> r.key().equals(district) && r.value().contains("\"parentId\":\"" + to + "\""),
                    Duration.ofSeconds(20));
            assertThat(published).hasSize(1);
        }
    }

    /** As after a service that was down on a change's day starts again: its own timer applies what is overdue. */
    @Test
    void theServiceAppliesAChangeWhoseDayHasComeOnItsOwn() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Quá Hạn", "2020-01-01");
        LocalDate yesterday = TODAY.minusDays(1);
        java.util.UUID id = java.util.UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into scheduled_change (id, kind, unit_id, effective_from, request, units, status, created_at)
                values (?1, 'RENAME', ?2, ?3, '{"name":"Liên đoàn Lao động tỉnh Tên Đúng Hẹn"}', array[?2], 'PENDING',
                    now())""")
                .setParameter(1, id).setParameter(2, java.util.UUID.fromString(province)).setParameter(3, yesterday)
                .executeUpdate());

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/api/v1/scheduled-changes/" + id).then().body("status", equalTo("APPLIED")));
        given().get("/api/v1/units/" + province).then().body("name", equalTo("Liên đoàn Lao động tỉnh Tên Đúng Hẹn"));
        given().queryParam("asOf", yesterday.toString()).get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Tên Đúng Hẹn"));
        given().queryParam("asOf", yesterday.minusDays(1).toString()).get("/api/v1/units/" + province).then()
                .body("name", equalTo("Liên đoàn Lao động tỉnh Quá Hạn"));
    }

    @Test
    void aScheduledRenameIsANameOnlyAndMemberCountsStayDatedFacts() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Đếm Người", "2020-01-01");
        String etag = Units.etagOf(province);
        LocalDate day = TODAY.plusDays(70);

        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"Liên đoàn Lao động tỉnh Đổi Sau\",\"memberCount\":1200,\"effectiveFrom\":\"" + day + "\"}")
                .put("/api/v1/units/" + province).then().spec(problem(422, "memberCount"));
        given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"effectiveFrom\":\"" + day + "\"}")
                .put("/api/v1/units/" + province).then().spec(problem(422, "name"));
        given().queryParam("unitId", province).get("/api/v1/scheduled-changes").then().body("size()", equalTo(0));
    }

    @Test
    void aChangeIsAppliedOnlyWhileItsUnitsStayWithinTheUnitOfWhoeverScheduledIt() {
        String home = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Nhà", "2020-01-01");
        String away = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Xa", "2020-01-01");
        String moving = Units.create("DIRECT_SUPERIOR", home, "Liên đoàn Lao động huyện Đi Trước", "2020-01-01");
        String staying = Units.create("DIRECT_SUPERIOR", home, "Liên đoàn Lao động huyện Ở Nhà", "2020-01-01");
        LocalDate day = TODAY.plusDays(80);
        String homeAdmin = Tokens.bearer(Roles.UNIT_ADMIN, home, "m-admin-nha");
        String move = given().header("Authorization", homeAdmin).contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + staying + "\",\"effectiveFrom\":\"" + day + "\"}")
                .post("/api/v1/units/" + moving + "/move").then().statusCode(202)
                .body("requestedBy", equalTo("m-admin-nha")).extract().header("Location");
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, home)).get(move).then()
                .statusCode(200).body("requestedBy", nullValue());

        // a national admin moves the unit to another province before the day
        given().contentType(ContentType.JSON).body("{\"parentId\":\"" + away + "\"}")
                .post("/api/v1/units/" + moving + "/move").then().statusCode(200);

        scheduled.applyDue(day);
        given().get(move).then().body("status", equalTo("FAILED"))
                .body("problem.detail", org.hamcrest.Matchers.containsString("no longer within"));
        given().get("/api/v1/units/" + moving).then().body("parentId", equalTo(away));
    }

    @Test
    void aMoveIsCancelledFromEitherSideAndAMergeOnlyByANationalAdmin() {
        String from = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Bên Đi", "2020-01-01");
        String to = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Bên Đến", "2020-01-01");
        String district = Units.create("DIRECT_SUPERIOR", from, "Liên đoàn Lao động huyện Hai Bên", "2020-01-01");
        LocalDate day = TODAY.plusDays(90);
        String move = accepted(move(district, to, day));
        String merge = given().contentType(ContentType.JSON)
                .body("{\"sources\":[\"" + from + "\"],\"successorId\":\"" + to + "\",\"date\":\"" + day.plusDays(1) + "\"}")
                .post("/api/v1/units/merge").then().statusCode(202).extract().header("Location");

        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, to)).delete(merge).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, to)).delete(move).then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        given().delete(merge).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    /** Any failure but a rule's (here a change the service cannot read) is tried again, then given up. */
    @Test
    void aChangeThatKeepsFailingHoldsBackTheNextUntilItIsGivenUp() {
        String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Kẹt Lại", "2020-01-01");
        String etag = Units.etagOf(province);
        LocalDate day = TODAY.plusDays(100);
        java.util.UUID broken = java.util.UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into scheduled_change (id, kind, unit_id, effective_from, request, units, status, created_at)
                values (?1, 'RENAME', ?2, ?3, '{"name":', array[?2], 'PENDING', now())""")
                .setParameter(1, broken).setParameter(2, java.util.UUID.fromString(province)).setParameter(3, day)
                .executeUpdate());
        String next = accepted(rename(province, etag, "Liên đoàn Lao động tỉnh Đi Tiếp", day.plusDays(1)));

        for (int attempt = 1; attempt < 5; attempt++) {
            scheduled.applyDue(day.plusDays(1));
            given().get("/api/v1/scheduled-changes/" + broken).then().body("status", equalTo("PENDING"));
            given().get(next).then().body("status", equalTo("PENDING"));
        }
        scheduled.applyDue(day.plusDays(1));
        given().get("/api/v1/scheduled-changes/" + broken).then()
                .body("status", equalTo("FAILED"))
                .body("problem.detail", org.hamcrest.Matchers.startsWith("Not applied after 5 attempts"));
        given().get(next).then().body("status", equalTo("APPLIED"));
        given().get("/api/v1/units/" + province).then().body("name", equalTo("Liên đoàn Lao động tỉnh Đi Tiếp"));
    }

    /** Asks for {@code unit} to move under {@code parent} from {@code day}. */
    private static ValidatableResponse move(String unit, String parent, LocalDate day) {
        return given().contentType(ContentType.JSON)
                .body("{\"parentId\":\"" + parent + "\",\"effectiveFrom\":\"" + day + "\"}")
                .post("/api/v1/units/" + unit + "/move").then();
    }

    /** Asks for {@code unit}, at version {@code etag}, to take {@code name} from {@code day}. */
    private static ValidatableResponse rename(String unit, String etag, String name, LocalDate day) {
        return given().contentType(ContentType.JSON).header("If-Match", etag)
                .body("{\"name\":\"" + name + "\",\"effectiveFrom\":\"" + day + "\"}")
                .put("/api/v1/units/" + unit).then();
    }

    /** The scheduled change that a request answered with 202 names. */
    private static String accepted(ValidatableResponse response) {
        return response.statusCode(202).extract().header("Location");
    }
}
