package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * A hierarchy of its own, published as org-unit-service does: a confederation, two provinces, and below the first two
 * districts with grassroots unions, with a programme of its own.
 */
final class UnitTree {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    final UUID confederation = UUID.randomUUID();
    final UUID province = UUID.randomUUID();
    final UUID otherProvince = UUID.randomUUID();
    final UUID district1 = UUID.randomUUID();
    final UUID district2 = UUID.randomUUID();
    final UUID grassroots1a = UUID.randomUUID();
    final UUID grassroots1b = UUID.randomUUID();
    final UUID grassroots2a = UUID.randomUUID();
    final String programme = Fixtures.newProgramme();

    UnitTree() {
        unit(confederation, "Tổng Liên đoàn", OrgUnitType.CONFEDERATION, null, null, null, null);
        unit(province, "Liên đoàn Lao động tỉnh Hà Tĩnh", OrgUnitType.PROVINCIAL_FEDERATION, confederation, province,
                null, null);
        unit(otherProvince, "Liên đoàn Lao động tỉnh Nghệ An", OrgUnitType.PROVINCIAL_FEDERATION, confederation,
                otherProvince, null, null);
        unit(district1, "Liên đoàn Lao động huyện Kỳ Anh", OrgUnitType.DIRECT_SUPERIOR, province, province, null, null);
        unit(district2, "Công đoàn ngành Y tế", OrgUnitType.DIRECT_SUPERIOR, province, province, 500, null);
        unit(grassroots1a, "Công đoàn Công ty Formosa", OrgUnitType.GRASSROOTS, district1, province, 100,
                UnitSector.FOREIGN_INVESTED_ENTERPRISE);
        unit(grassroots1b, "Công đoàn Trường THPT Kỳ Anh", OrgUnitType.GRASSROOTS, district1, province, 50,
                UnitSector.PUBLIC_SERVICE_UNIT);
        unit(grassroots2a, "Công đoàn Bệnh viện Đa khoa tỉnh", OrgUnitType.GRASSROOTS, district2, province, 400,
                UnitSector.PUBLIC_SERVICE_UNIT);
        await().atMost(WAIT).until(() -> given().header("Authorization", admin()).queryParam("programme", programme)
                .get("/api/v1/standings/units/{u}", province).statusCode() == 200
                && read(admin(), province, null).getInt("total") == 2);
    }

    /** A member of the first district's first grassroots union. */
    String member() {
        return Tokens.bearer(Roles.MEMBER, grassroots1a.toString());
    }

    String admin() {
        return Tokens.bearer(Roles.NATIONAL_ADMIN, confederation.toString());
    }

    JsonPath read(String token, UUID unit, String level, String... params) {
        RequestSpecification request = given().header("Authorization", token).queryParam("programme", programme);
        if (level != null) {
            request = request.queryParam("level", level);
        }
        for (int i = 0; i + 1 < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/standings/units/{u}", unit).then().statusCode(200).extract().jsonPath();
    }

    InitiativeEvent submitted(UUID unit, Instant at, String... authors) {
        return submittedIn(unit, at, "PRODUCTION_TECHNICAL", authors);
    }

    /** An initiative of {@code field} submitted through {@code unit} at {@code at}. */
    InitiativeEvent submittedIn(UUID unit, Instant at, String field, String... authors) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED, Instant.now(),
                UUID.randomUUID(), 1, programme, unit, province, InitiativeStatus.SUBMITTED, List.of(authors), at,
                null, null, field);
    }

    /** The same initiative, recognised on {@code day}. */
    static InitiativeEvent recognized(InitiativeEvent e, Instant at) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.REVIEWED, Instant.now(), e.initiativeId(),
                e.version() + 1, e.programmeCode(), e.unitId(), e.provinceId(), InitiativeStatus.RECOGNIZED,
                e.authorIds(), e.submittedAt(), at, null, e.field());
    }

    static void unit(UUID id, String name, OrgUnitType type, UUID parent, UUID province, Integer members,
            UnitSector sector) {
        unit(new OrgUnitState(id, "U" + id.toString().substring(0, 8), name, type, parent, province, members, null,
                null, null, null, 0, sector));
    }

    static void unit(OrgUnitState state) {
        TopicProbe.send(Topics.ORG_UNITS, state.id().toString(), EventJson.write(state));
    }

    static Map<String, Object> row(JsonPath page, UUID unit) {
        return page.getMap("rows.find { it.unitId == '" + unit + "' }");
    }

    /** Nine in the morning of {@code day} in Vietnam. */
    static Instant on(String day) {
        return LocalDate.parse(day).atTime(LocalTime.of(9, 0)).atZone(VIETNAM).toInstant();
    }
}
