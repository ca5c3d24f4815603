package vn.congdoan.sangkien.orgunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static vn.congdoan.sangkien.orgunit.Problems.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.orgunit.service.TargetsRepublish;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * Targets at every level: a province hands its phase target down to its districts, a district to its grassroots
 * unions, each parent's page shows how much of its own it handed down, and the national list leaves them be.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "orgunit"))
@WithTestResource(KafkaResource.class)
class UnitTargetsTest {

    @Inject
    TargetsRepublish republish;

    @Inject
    EntityManager em;


    private static final String NATIONAL = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-national");

    /** A programme with one phase, two provinces with a national target each, and a province's units. */
    record Tree(String programme, String province, String otherProvince, String kyAnh, String kyAnhCode,
            String huongSon, String huongSonCode, String formosa, String formosaCode, String hospital,
            String hospitalCode, String otherDistrict, String otherDistrictCode) {

        static Tree build() {
            String programme = "test-" + UUID.randomUUID().toString().substring(0, 8);
            as(NATIONAL).contentType(ContentType.JSON).body("""
                    {"code":"%s","name":"Thi đua các cấp","startDate":"2022-01-01","endDate":"2030-12-31",
                     "nationalTarget":1000000}""".formatted(programme))
                    .post("/api/v1/programmes").then().statusCode(201);
            as(NATIONAL).contentType(ContentType.JSON).body("{\"code\":\"phase-1\",\"name\":\"Giai đoạn 1\"}")
                    .post("/api/v1/programmes/" + programme + "/phases").then().statusCode(201);
            return Units.asNationalAdmin(() -> {
                String province = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Giao");
                String other = Units.create("PROVINCIAL_FEDERATION", Units.root(), "Liên đoàn Lao động tỉnh Khác");
                String kyAnh = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động thị xã Kỳ Anh");
                String huongSon = Units.create("DIRECT_SUPERIOR", province, "Liên đoàn Lao động huyện Hương Sơn");
                String formosa = Units.create("GRASSROOTS", kyAnh, "Công đoàn cơ sở Công ty Formosa");
                String hospital = Units.create("GRASSROOTS", kyAnh, "Công đoàn cơ sở Bệnh viện Kỳ Anh");
                String otherDistrict = Units.create("DIRECT_SUPERIOR", other, "Liên đoàn Lao động huyện Khác");
                as(NATIONAL).contentType(ContentType.JSON)
                        .body("[{\"unitId\":\"%s\",\"target\":3000},{\"unitId\":\"%s\",\"target\":500}]"
                                .formatted(province, other))
                        .put("/api/v1/programmes/" + programme + "/phases/phase-1/targets").then().statusCode(200);
                return new Tree(programme, province, other, kyAnh, code(kyAnh), huongSon, code(huongSon), formosa,
                        code(formosa), hospital, code(hospital), otherDistrict, code(otherDistrict));
            });
        }

        String page(String unit) {
            return "/api/v1/programmes/" + programme + "/phases/phase-1/units/" + unit + "/targets";
        }
    }

    @Test
    void aProvinceHandsItsTargetDownToTwoDistrictsAndSeesWhatItHasNotHandedDown() {
        Tree t = Tree.build();
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin");

        assign(as(provinceAdmin), t, t.province(), """
                [{"unitCode":"%s","target":1200},{"unitId":"%s","target":900}]"""
                .formatted(t.kyAnhCode(), t.huongSon()))
                .statusCode(200)
                .body("unitId", equalTo(t.province()))
                .body("target", equalTo(3000))
                .body("assigned", equalTo(2100))
                .body("difference", equalTo(-900))
                .body("status", equalTo("UNDER_ASSIGNED"));

        // a member of one of its districts reads the province's page
        as(Tokens.bearer(Roles.MEMBER, t.kyAnh(), "m-member")).get(t.page(t.province())).then()
                .statusCode(200)
                .body("children.code", contains(sorted(t.kyAnhCode(), t.huongSonCode())))
                .body("children.find { it.unitId == '" + t.kyAnh() + "' }.target", equalTo(1200))
                .body("children.find { it.unitId == '" + t.huongSon() + "' }.target", equalTo(900))
                .body("status", equalTo("UNDER_ASSIGNED"));
        // a district without targets below it yet: its own target, nothing handed down
        as(provinceAdmin).get(t.page(t.huongSon())).then()
                .statusCode(200).body("target", equalTo(900)).body("assigned", equalTo(0))
                .body("difference", equalTo(-900)).body("children", org.hamcrest.Matchers.empty());
    }

    @Test
    void aDistrictHandsItsTargetDownToItsGrassrootsUnionsAndMayAskForMore() {
        Tree t = Tree.build();
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "[{\"unitId\":\"%s\",\"target\":1200}]".formatted(t.kyAnh())).statusCode(200);
        String districtAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.kyAnh(), "m-district-admin");

        assign(as(districtAdmin), t, t.kyAnh(), ("[{\"unitCode\":\"%s\",\"target\":700},"
                + "{\"unitCode\":\"%s\",\"target\":600}]").formatted(t.formosaCode(), t.hospitalCode()))
                .statusCode(200)
                .body("target", equalTo(1200))
                .body("assigned", equalTo(1300))
                .body("difference", equalTo(100))
                .body("status", equalTo("OVER_ASSIGNED"));
        assign(as(districtAdmin), t, t.kyAnh(), ("[{\"unitCode\":\"%s\",\"target\":700},"
                + "{\"unitCode\":\"%s\",\"target\":500}]").formatted(t.formosaCode(), t.hospitalCode()))
                .statusCode(200).body("difference", equalTo(0)).body("status", equalTo("FULLY_ASSIGNED"));
        // the province's page is untouched by what the district handed down
        as(NATIONAL).get(t.page(t.province())).then().statusCode(200)
                .body("assigned", equalTo(1200)).body("children.find { it.unitId == '" + t.kyAnh() + "' }.target",
                        equalTo(1200));
        // an administrator above the district may hand down its targets too
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.kyAnh(),
                "[{\"unitId\":\"%s\",\"target\":1200}]".formatted(t.formosa())).statusCode(200)
                .body("children.find { it.unitId == '" + t.hospital() + "' }.target", nullValue());
    }

    @Test
    void aUnitThatIsNotDirectlyBelowIsRefusedNamingItsRowAndNothingIsWritten() {
        Tree t = Tree.build();
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin");
        assign(as(provinceAdmin), t, t.province(), "[{\"unitId\":\"%s\",\"target\":1000}]".formatted(t.kyAnh()))
                .statusCode(200);
        long version = programmeVersion(t);

        // a grassroots union two levels down, a district of another province, a code nobody has
        for (String row : new String[] { "{\"unitCode\":\"%s\",\"target\":50}".formatted(t.formosaCode()),
                "{\"unitCode\":\"%s\",\"target\":50}".formatted(t.otherDistrictCode()),
                "{\"unitCode\":\"KHONG-CO-%s\",\"target\":50}".formatted(UUID.randomUUID()) }) {
            assign(as(provinceAdmin), t, t.province(), "[{\"unitId\":\"%s\",\"target\":2000},%s]"
                    .formatted(t.huongSon(), row))
                    .spec(problem(422, "[1].unitCode"));
        }
        assign(as(provinceAdmin), t, t.province(), "[{\"unitId\":\"%s\",\"target\":1},{\"unitId\":\"%s\",\"target\":2}]"
                .formatted(t.kyAnh(), t.kyAnh())).statusCode(422).body("field", equalTo("[1].unitId"));
        assign(as(provinceAdmin), t, t.province(), "[{\"unitId\":\"%s\",\"target\":-1}]".formatted(t.kyAnh()))
                .statusCode(400).body("field", equalTo("[0].target"));

        as(provinceAdmin).get(t.page(t.province())).then().statusCode(200)
                .body("assigned", equalTo(1000))
                .body("children.find { it.unitId == '" + t.huongSon() + "' }.target", nullValue());
        assertThat(programmeVersion(t)).isEqualTo(version);
    }

    @Test
    void onlyThoseOfTheProvinceAndNationalRolesReadItsPageAndItsAdministratorsAndKeyAssign() {
        Tree t = Tree.build();
        String body = "[{\"unitId\":\"%s\",\"target\":100}]".formatted(t.kyAnh());
        String otherAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.otherProvince(), "m-other-admin");

        assign(as(otherAdmin), t, t.province(), body).spec(problem(403));
        as(otherAdmin).get(t.page(t.province())).then().spec(problem(403));
        as(Tokens.bearer(Roles.MEMBER, t.otherProvince(), "m-other-member")).get(t.page(t.kyAnh())).then()
                .statusCode(403);
        given().get(t.page(t.province())).then().spec(problem(401));
        assign(given(), t, t.province(), body).statusCode(401);
        // a district's administrator hands down its own targets, not its province's
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.kyAnh(), "m-district-admin")), t, t.province(), body)
                .statusCode(403);
        // a member reads, and does not assign
        assign(as(Tokens.bearer(Roles.MEMBER, t.province(), "m-member")), t, t.province(), body).statusCode(403);

        as(Tokens.bearer(Roles.REVIEWER, "TLD", "m-national-reviewer")).get(t.page(t.kyAnh())).then().statusCode(200);
        as(Tokens.bearer(Roles.MEMBER, t.formosa(), "m-formosa")).get(t.page(t.province())).then().statusCode(200);
        // the confederation's page is the national list, public
        given().get(t.page(root())).then().statusCode(200)
                .body("children.find { it.unitId == '" + t.province() + "' }.target", equalTo(3000));

        String provinceKey = issueKey(t.province());
        assign(given().header("X-API-Key", provinceKey), t, t.province(), body).statusCode(200)
                .body("assigned", equalTo(100));
        assign(given().header("X-API-Key", issueKey(t.otherProvince())), t, t.province(), body).statusCode(403);
        // the targets of the provinces are national: not a province's key's, not the confederation's administrator's
        assign(given().header("X-API-Key", provinceKey), t, root(), "[]").statusCode(403);
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, "TLD", "m-tld-admin")), t, root(), "[]").statusCode(403);
    }

    @Test
    void theNationalListKeepsTheTargetsHandedDownBelowIt() {
        Tree t = Tree.build();
        provinceHandsDownToItsDistricts(t);
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.kyAnh(), "m-district-admin")), t, t.kyAnh(),
                "[{\"unitId\":\"%s\",\"target\":700}]".formatted(t.formosa())).statusCode(200);

        as(NATIONAL).contentType(ContentType.JSON)
                .body("[{\"unitId\":\"%s\",\"target\":3500}]".formatted(t.province()))
                .put("/api/v1/programmes/" + t.programme() + "/phases/phase-1/targets").then()
                .statusCode(200)
                .body("unitId", contains(t.province()));

        as(NATIONAL).get(t.page(t.province())).then().statusCode(200)
                .body("target", equalTo(3500))
                .body("assigned", equalTo(2100))
                .body("children.find { it.unitId == '" + t.kyAnh() + "' }.target", equalTo(1200));
        as(NATIONAL).get(t.page(t.kyAnh())).then().body("assigned", equalTo(700));
        // the other province, left out of the national list, has no target any more
        as(NATIONAL).get(t.page(t.otherProvince())).then().body("target", nullValue()).body("status", nullValue());
        // the phase's list is the national one: the districts' targets are on their province's page
        given().get("/api/v1/programmes/" + t.programme() + "/phases/phase-1/targets").then()
                .statusCode(200).body("unitId", contains(t.province()));

        as(NATIONAL).contentType(ContentType.JSON)
                .body("[{\"unitId\":\"%s\",\"target\":3500},{\"unitId\":\"%s\",\"target\":1}]"
                        .formatted(t.province(), t.kyAnh()))
                .put("/api/v1/programmes/" + t.programme() + "/phases/phase-1/targets").then()
                .spec(problem(422, "[1].unitId"));
    }

    @Test
    void aCsvFileSetsTheTargetsAndUnitsLeftOutLoseTheirs() {
        Tree t = Tree.build();
        RequestSpecification provinceAdmin = as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin"));
        String csv = "\uFEFFunitCode,target,name\r\n"
                + t.kyAnhCode() + ",1500,\"Liên đoàn Lao động thị xã Kỳ Anh, Hà Tĩnh\"\r\n"
                + t.huongSonCode() + ",1500,Liên đoàn Lao động huyện Hương Sơn\r\n";

        assignCsv(provinceAdmin, t, t.province(), csv).statusCode(200)
                .body("assigned", equalTo(3000)).body("status", equalTo("FULLY_ASSIGNED"));
        assignCsv(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "unitCode,target\n" + t.kyAnhCode() + ",2000\n").statusCode(200)
                .body("assigned", equalTo(2000))
                .body("children.find { it.unitId == '" + t.huongSon() + "' }.target", nullValue());

        assignCsv(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "unitCode,target\n" + t.kyAnhCode() + ",10\n" + t.huongSonCode() + ",nhiều\n")
                .spec(problem(400, "[1].target"));
        assignCsv(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "unitCode,target\n" + t.kyAnhCode() + ",10\n" + t.formosaCode() + ",10\n").statusCode(422)
                .body("field", equalTo("[1].unitCode"));
        assignCsv(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "code,target\n" + t.kyAnhCode() + ",10\n").statusCode(400).body("field", equalTo("header"));
        as(NATIONAL).get(t.page(t.province())).then().body("assigned", equalTo(2000));
    }

    @Test
    void aUnitThatStartsLaterTakesItsTargetFromItsFirstDay() {
        Tree t = Tree.build();
        String day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(10).toString();
        String later = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD");
        String newDistrict = Units.asNationalAdmin(
                () -> Units.create("DIRECT_SUPERIOR", t.province(), "Liên đoàn Lao động huyện Mới", day));
        String body = "[{\"unitId\":\"%s\",\"target\":300}]".formatted(newDistrict);

        assign(as(later), t, t.province(), body).statusCode(422).body("field", equalTo("[0].unitId"));
        as(later).queryParam("asOf", day).contentType(ContentType.JSON).body(body).put(t.page(t.province())).then()
                .statusCode(200).body("asOf", equalTo(day)).body("assigned", equalTo(300));
    }

    @Test
    void eachTargetBelowTheProvincesIsARecordOfItsOwnAndTheProgrammeCarriesTheNationalOnes() {
        Tree t = Tree.build();
        provinceHandsDownToItsDistricts(t);
        String districtAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.kyAnh(), "m-district-admin");
        assign(as(districtAdmin), t, t.kyAnh(), "[{\"unitId\":\"%s\",\"target\":700},{\"unitId\":\"%s\",\"target\":500}]"
                .formatted(t.formosa(), t.hospital())).statusCode(200);
        long assigned = programmeVersion(t);
        // the district takes the hospital's target away and leaves Formosa's as it was
        assign(as(districtAdmin), t, t.kyAnh(), "[{\"unitId\":\"%s\",\"target\":700}]".formatted(t.formosa()))
                .statusCode(200);
        long version = programmeVersion(t);

        var records = TopicProbe.awaitRecords(Topics.PROGRAMMES, r -> r.key().equals(t.programme())
                && EventJson.read(r.value(), ProgrammeState.class).version() == version, Duration.ofSeconds(20));
        ProgrammeState state = EventJson.read(records.get(0).value(), ProgrammeState.class);
        Map<String, Long> targets = state.phases().get(0).targets().stream()
                .collect(Collectors.toMap(target -> target.unitId().toString(), ProgrammeState.Target::target));
        assertThat(targets).as("the programme carries the targets set nationally only")
                .containsOnly(Map.entry(t.province(), 3000L), Map.entry(t.otherProvince(), 500L));

        Map<String, List<UnitTargetState>> published = new HashMap<>();
        // five: two districts', two grassroots unions', and the one taken away
        TopicProbe.awaitRecords(Topics.UNIT_TARGETS, r -> r.key().startsWith(t.programme() + "/phase-1/"), 5,
                Duration.ofSeconds(20)).forEach(r -> published.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(EventJson.read(r.value(), UnitTargetState.class)));
        assertThat(published).containsOnlyKeys(key(t, t.kyAnh()), key(t, t.huongSon()), key(t, t.formosa()),
                key(t, t.hospital()));
        assertThat(published.get(key(t, t.kyAnh()))).extracting(UnitTargetState::target).containsExactly(1200L);
        // a target left as it was is not published again; one taken away is published as none, later
        assertThat(published.get(key(t, t.formosa()))).extracting(UnitTargetState::target, UnitTargetState::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(700L, assigned));
        assertThat(published.get(key(t, t.hospital()))).extracting(UnitTargetState::target, UnitTargetState::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(500L, assigned),
                        org.assertj.core.groups.Tuple.tuple(null, version));
    }

    @Test
    void targetsHeldBeforeTheirTopicExistedArePublishedOnceByTheFirstInstanceThatStarts() {
        Tree t = Tree.build();
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "[{\"unitId\":\"%s\",\"target\":1200}]".formatted(t.kyAnh())).statusCode(200);
        long version = programmeVersion(t);
        // what migration V12 leaves for a database that held targets before unit-targets.v1
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into republish_pending values ('unit-targets.v1') on conflict do nothing").executeUpdate());

        assertThat(republish.republishIfPending()).isTrue();
        assertThat(republish.republishIfPending()).as("claimed once").isFalse();

        // published twice now: when assigned, and once more, both with the version it was set with
        assertThat(TopicProbe.awaitRecords(Topics.UNIT_TARGETS, r -> r.key().equals(key(t, t.kyAnh())), 2,
                Duration.ofSeconds(20))).extracting(r -> EventJson.read(r.value(), UnitTargetState.class))
                .containsOnly(new UnitTargetState(t.programme(), "phase-1", UUID.fromString(t.kyAnh()), 1200L,
                        version));
    }

    /** The province's administrator gives Kỳ Anh 1200 and Hương Sơn 900. */
    private static void provinceHandsDownToItsDistricts(Tree t) {
        assign(as(Tokens.bearer(Roles.UNIT_ADMIN, t.province(), "m-province-admin")), t, t.province(),
                "[{\"unitId\":\"%s\",\"target\":1200},{\"unitId\":\"%s\",\"target\":900}]"
                        .formatted(t.kyAnh(), t.huongSon())).statusCode(200);
    }

    private static String key(Tree t, String unit) {
        return UnitTargetState.key(t.programme(), "phase-1", UUID.fromString(unit));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", token);
    }

    private static ValidatableResponse assign(RequestSpecification request, Tree tree, String unit, String json) {
        return request.contentType(ContentType.JSON).body(json).put(tree.page(unit)).then();
    }

    private static ValidatableResponse assignCsv(RequestSpecification request, Tree tree, String unit, String csv) {
        return request.contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).put(tree.page(unit)).then();
    }

    private static long programmeVersion(Tree tree) {
        return given().get("/api/v1/programmes/" + tree.programme()).then().extract().jsonPath().getLong("version");
    }

    private static String root() {
        return as(NATIONAL).get("/api/v1/units/by-code/TLD").then().extract().path("id");
    }

    private static String code(String unit) {
        return as(NATIONAL).get("/api/v1/units/" + unit).then().extract().path("code");
    }

    private static String[] sorted(String... codes) {
        return java.util.Arrays.stream(codes).sorted().toArray(String[]::new);
    }

    private static String issueKey(String province) {
        return as(NATIONAL).contentType(ContentType.JSON)
                .body("{\"provinceCode\":\"" + code(province) + "\",\"label\":\"Hệ thống CNTT tỉnh\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }
}
