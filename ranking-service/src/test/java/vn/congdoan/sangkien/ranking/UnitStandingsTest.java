package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.UnitTree.WAIT;
import static vn.congdoan.sangkien.ranking.UnitTree.on;
import static vn.congdoan.sangkien.ranking.UnitTree.row;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.UnitTargetState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * The standings below the province: a district union's and a grassroots union's rows count the initiatives of their
 * whole subtree, ranked among their siblings, for the members and officers of their province.
 */
@QuarkusTest
@WithRankingResources
class UnitStandingsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSubmissionInAGrassrootsUnionRaisesEveryRowAboveItOnce() {
        UnitTree t = new UnitTree();

        Fixtures.send(t.submitted(t.grassroots1a, Instant.now(), "m-1", "m-2"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.member(), t.province, null), t.district1))
                .containsEntry("submissions", 1).containsEntry("submitters", 2));
        assertThat(row(t.read(t.member(), t.province, "GRASSROOTS"), t.grassroots1a))
                .containsEntry("submissions", 1).containsEntry("today", 1).containsEntry("thisWeek", 1);
        assertThat(row(t.read(t.member(), t.district1, null), t.grassroots1a)).containsEntry("submissions", 1);
        assertThat(row(t.read(t.member(), t.district1, null), t.grassroots1b)).containsEntry("submissions", 0);
        assertThat(row(t.read(t.member(), t.province, null), t.district2)).containsEntry("submissions", 0);
        JsonPath national = t.read(t.member(), t.confederation, null);
        assertThat(row(national, t.province)).containsEntry("submissions", 1).containsEntry("submitters", 2);
        assertThat(row(national, t.otherProvince)).containsEntry("submissions", 0);
        assertThat(Fixtures.standings(t.programme).getMap(Fixtures.row(t.province))).containsEntry("submissions", 1);
    }

    @Test
    void siblingsRankWithTiesAndDistinctSubmittersAcrossTheSubtree() {
        UnitTree t = new UnitTree();

        Fixtures.send(t.submitted(t.grassroots1a, Instant.now(), "m-1"), t.submitted(t.grassroots1b, Instant.now(),
                "m-1"), t.submitted(t.grassroots2a, Instant.now(), "m-3"), t.submitted(t.grassroots2a, Instant.now(),
                "m-4"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(t.read(t.member(), t.province, "GRASSROOTS")
                .getList("rows.submissions")).containsExactly(2, 1, 1));
        JsonPath grassroots = t.read(t.member(), t.province, "GRASSROOTS");
        assertThat(grassroots.getList("rows.rank")).containsExactly(1, 2, 2);
        assertThat(grassroots.getList("rows.unitId")).first().isEqualTo(t.grassroots2a.toString());
        JsonPath districts = t.read(t.member(), t.province, null);
        // two initiatives in each district, but one member wrote both of the first district's
        assertThat(districts.getList("rows.rank")).containsExactly(1, 1);
        assertThat(row(districts, t.district1)).containsEntry("submissions", 2).containsEntry("submitters", 1);
        assertThat(row(districts, t.district2)).containsEntry("submissions", 2).containsEntry("submitters", 2);
        JsonPath bySubmitters = t.read(t.member(), t.province, null, "sort", "submitters");
        assertThat(bySubmitters.getList("rows.unitId")).containsExactly(t.district2.toString(),
                t.district1.toString());
        assertThat(bySubmitters.getList("rows.rank")).containsExactly(1, 2);
    }

    @Test
    void memberCountsOfAParentWithoutItsOwnAreTheSumOfItsChildren() {
        UnitTree t = new UnitTree();

        JsonPath districts = t.read(t.member(), t.province, null);

        assertThat(row(districts, t.district1)).containsEntry("memberCount", 150)
                .containsEntry("memberCountSummed", true);
        assertThat(row(districts, t.district2)).containsEntry("memberCount", 500)
                .containsEntry("memberCountSummed", false);
        assertThat(row(t.read(t.member(), t.district1, null), t.grassroots1b)).containsEntry("sector",
                "PUBLIC_SERVICE_UNIT").containsEntry("type", "GRASSROOTS");
    }

    @Test
    void aDistrictMovedToAnotherParentTakesItsSubtreeAndItsFiguresAlong() {
        UnitTree t = new UnitTree();
        Fixtures.send(t.submitted(t.grassroots2a, Instant.now(), "m-1"), t.submitted(t.grassroots1a, Instant.now(),
                "m-2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district2))
                .containsEntry("submissions", 1));

        // the health sector union moves from the province to below the first district, with its hospital
        UnitTree.unit(new OrgUnitState(t.district2, "U" + t.district2.toString().substring(0, 8), "Công đoàn ngành Y tế",
                OrgUnitType.DIRECT_SUPERIOR, t.district1, t.province, 500, null, null, null, null, 1, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(t.read(t.admin(), t.province, null).getList("rows.unitId"))
                .containsExactly(t.district1.toString()));
        assertThat(row(t.read(t.admin(), t.province, null), t.district1)).containsEntry("submissions", 2)
                .containsEntry("submitters", 2);
        JsonPath below = t.read(t.admin(), t.district1, null);
        assertThat(row(below, t.district2)).containsEntry("submissions", 1);
        assertThat(t.read(t.admin(), t.province, "GRASSROOTS").getInt("total")).isEqualTo(3);
    }

    @Test
    void aMergedGrassrootsUnionCountsInItsSuccessorsRowFromTheDayItEnded() {
        UnitTree t = new UnitTree();
        Fixtures.send(t.submitted(t.grassroots1b, on("2022-03-01"), "m-1"), t.submitted(t.grassroots1a,
                on("2022-03-02"), "m-2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.district1, null), t.grassroots1b))
                .containsEntry("submissions", 1));

        UnitTree.unit(new OrgUnitState(t.grassroots1b, "U" + t.grassroots1b.toString().substring(0, 8), "Công đoàn Trường THPT",
                OrgUnitType.GRASSROOTS, t.district1, t.province, 50, null, null, LocalDate.of(2022, 6, 1),
                t.grassroots1a, 1, UnitSector.PUBLIC_SERVICE_UNIT));

        await().atMost(WAIT).untilAsserted(() -> assertThat(t.read(t.admin(), t.district1, null).getList("rows.unitId"))
                .containsExactly(t.grassroots1a.toString()));
        assertThat(row(t.read(t.admin(), t.district1, null), t.grassroots1a)).containsEntry("submissions", 2);
        JsonPath before = t.read(t.admin(), t.district1, null, "asOf", "2022-05-31");
        assertThat(before.getList("rows.submissions")).containsExactly(1, 1);
        assertThat(row(t.read(t.admin(), t.province, null), t.district1)).containsEntry("submissions", 2);
    }

    @Test
    void aPastDayCountsWhatWasSubmittedByItsEndWithTheTargetOfThatDay() {
        UnitTree t = new UnitTree();
        ProgrammeState programme = new ProgrammeState(t.programme, "Programme " + t.programme,
                LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1), 1_000_000L, List.of(new ProgrammeState.Phase(
                        "phase-1", "Giai đoạn 1", null, null, List.of())), 1);
        TopicProbe.send(Topics.PROGRAMMES, t.programme, EventJson.write(programme));
        // the province hands 4 down to its district, on unit-targets.v1
        target(t, t.district1, 4L, 1);
        InitiativeEvent early = t.submitted(t.grassroots1a, on("2022-03-01"), "m-1");
        Fixtures.send(early, t.submitted(t.grassroots1b, on("2022-03-03"), "m-2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district1))
                .containsEntry("submissions", 2).containsEntry("target", 4));

        JsonPath march2 = t.read(t.admin(), t.province, null, "asOf", "2022-03-02");

        assertThat(march2.getString("date")).isEqualTo("2022-03-02");
        assertThat(row(march2, t.district1)).containsEntry("submissions", 1).containsEntry("targetPercent", 25.0f);
        assertThat(row(t.read(t.admin(), t.province, null, "asOf", "2022-03-03"), t.district1))
                .containsEntry("today", 1).containsEntry("submissions", 2);
        assertThat(row(t.read(t.admin(), t.province, null, "asOf", "2022-02-28"), t.district1))
                .containsEntry("submissions", 0);
    }

    @Test
    void aUnitsTargetIsTheOneOfTheLatestVersionItsParentPublished() {
        UnitTree t = new UnitTree();
        TopicProbe.send(Topics.PROGRAMMES, t.programme, EventJson.write(new ProgrammeState(t.programme, "Programme",
                LocalDate.of(2021, 9, 1), null, null, List.of(new ProgrammeState.Phase("phase-1", "Giai đoạn 1", null,
                        null, List.of())), 1)));
        target(t, t.district1, 40L, 5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district1))
                .containsEntry("target", 40));

        // an older record read again (a replay) changes nothing; a later one without a target takes it away
        target(t, t.district1, 7L, 3);
        target(t, t.district2, 9L, 6);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district2))
                .containsEntry("target", 9));
        assertThat(row(t.read(t.admin(), t.province, null), t.district1)).containsEntry("target", 40);
        target(t, t.district1, null, 7);
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, null), t.district1))
                .containsEntry("target", null));
    }

    private static void target(UnitTree t, java.util.UUID unit, Long target, long version) {
        TopicProbe.send(Topics.UNIT_TARGETS, UnitTargetState.key(t.programme, "phase-1", unit),
                EventJson.write(new UnitTargetState(t.programme, "phase-1", unit, target, version)));
    }

    @Test
    void belowAProvinceOnlyItsPeopleAndNationalRolesSeeTheFigures() {
        UnitTree t = new UnitTree();
        String path = "/api/v1/standings/units/{u}";

        given().queryParam("programme", t.programme).get(path, t.province).then().statusCode(401)
                .contentType("application/problem+json");
        given().queryParam("programme", t.programme).header("Authorization", Tokens.bearer(Roles.MEMBER,
                t.otherProvince.toString())).get(path, t.province).then().statusCode(403)
                .contentType("application/problem+json");
        given().queryParam("programme", t.programme).header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN,
                t.otherProvince.toString())).get(path, t.district1).then().statusCode(403);
        given().queryParam("programme", t.programme).header("Authorization", t.member()).get(path, t.province)
                .then().statusCode(200);
        given().queryParam("programme", t.programme).header("Authorization", Tokens.bearer(Roles.MEMBER,
                t.confederation.toString())).get(path, t.district1).then().statusCode(200);
        // the provinces' own rows stay public; every grassroots union of the country is for national roles
        given().queryParam("programme", t.programme).get(path, t.confederation).then().statusCode(200);
        given().queryParam("programme", t.programme).queryParam("level", "GRASSROOTS").header("Authorization",
                t.member()).get(path, t.confederation).then().statusCode(403);
        given().queryParam("programme", t.programme).queryParam("level", "GRASSROOTS").header("Authorization",
                t.admin()).get(path, t.confederation).then().statusCode(200);
    }

    @Test
    void aProvinceCanMakeTheFiguresOfItsUnitsPublic() {
        UnitTree t = new UnitTree();
        String path = "/api/v1/standings/units/{u}/visibility";
        String provinceAdmin = Tokens.bearer(Roles.UNIT_ADMIN, t.province.toString());

        given().contentType("application/json").body("{\"figuresPublic\":true}").put(path, t.province).then()
                .statusCode(401);
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, t.otherProvince.toString()))
                .contentType("application/json").body("{\"figuresPublic\":true}").put(path, t.province).then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.UNIT_ADMIN, t.district1.toString()))
                .contentType("application/json").body("{\"figuresPublic\":true}").put(path, t.province).then()
                .statusCode(403);
        given().header("Authorization", provinceAdmin).contentType("application/json")
                .body("{\"figuresPublic\":true}").put(path, t.district1).then().statusCode(422)
                .body("field", equalTo("unit"));
        given().header("Authorization", provinceAdmin).contentType("application/json")
                .body("{}").put(path, t.province).then().statusCode(400)
                .contentType("application/problem+json");

        given().header("Authorization", provinceAdmin).contentType("application/json")
                .body("{\"figuresPublic\":true}").put(path, t.province).then().statusCode(200)
                .body("figuresPublic", equalTo(true)).body("home.id", equalTo(t.province.toString()));

        given().queryParam("programme", t.programme).get("/api/v1/standings/units/{u}", t.district1).then()
                .statusCode(200);
        given().get(path, t.grassroots1a).then().statusCode(200).body("figuresPublic", equalTo(true));
        given().queryParam("programme", t.programme).get("/api/v1/standings/units/{u}", t.otherProvince).then()
                .statusCode(401);
    }

    @Test
    void pagesFollowTheRankAndAnUnchangedPageIsNotSentAgain() {
        UnitTree t = new UnitTree();
        Fixtures.send(t.submitted(t.grassroots2a, Instant.now(), "m-1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(t.read(t.admin(), t.province, "GRASSROOTS"),
                t.grassroots2a)).containsEntry("submissions", 1));

        JsonPath first = t.read(t.admin(), t.province, "GRASSROOTS", "limit", "2");
        assertThat(first.getInt("total")).isEqualTo(3);
        assertThat(first.getList("rows.unitId")).hasSize(2).first().isEqualTo(t.grassroots2a.toString());
        JsonPath second = t.read(t.admin(), t.province, "GRASSROOTS", "limit", "2", "cursor",
                first.getString("nextCursor"));
        assertThat(second.getList("rows")).hasSize(1);
        assertThat(second.getString("nextCursor")).isNull();

        String etag = given().header("Authorization", t.admin()).queryParam("programme", t.programme)
                .get("/api/v1/standings/units/{u}", t.province).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", t.admin()).header("If-None-Match", etag).queryParam("programme", t.programme)
                .get("/api/v1/standings/units/{u}", t.province).then().statusCode(304);
    }

    @Test
    void theStandingsBelowAUnitAreStreamedToItsProvincesPeopleAsTheyChange() throws Exception {
        UnitTree t = new UnitTree();
        URI stream = URI.create(base + "api/v1/standings/units/" + t.province + "/stream?programme=" + t.programme);

        HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<Stream<String>> opened = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").header("Authorization", t.member()).build(),
                HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        assertThat(opened.statusCode()).isEqualTo(200);
        try (Stream<String> lines = opened.body()) {
            Iterator<String> events = lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                    .iterator();
            assertThat(new JsonPath(events.next()).getInt("total")).isEqualTo(2);

            Fixtures.send(t.submitted(t.grassroots2a, Instant.now(), "m-1"));

            JsonPath changed = CompletableFuture.supplyAsync(() -> {
                while (events.hasNext()) {
                    JsonPath page = new JsonPath(events.next());
                    if (page.getInt("rows[0].submissions") == 1) {
                        return page;
                    }
                }
                throw new AssertionError("The stream ended");
            }).get(20, TimeUnit.SECONDS);
            assertThat(changed.getString("rows[0].unitId")).isEqualTo(t.district2.toString());
        }
    }

    @Test
    void badParametersAreNamed() {
        UnitTree t = new UnitTree();
        String path = "/api/v1/standings/units/{u}";
        for (String[] bad : List.of(new String[] {"level", "DISTRICT"}, new String[] {"level", "CONFEDERATION"},
                new String[] {"sort", "votes"}, new String[] {"asOf", "2022-13-01"}, new String[] {"limit", "0"},
                new String[] {"cursor", "nope"})) {
            given().header("Authorization", t.admin()).queryParam("programme", t.programme).queryParam(bad[0], bad[1])
                    .get(path, t.province).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(bad[0]));
        }
        for (String part : List.of("", "/breakdown?by=FIELD", "/report")) {
            given().header("Authorization", t.admin()).queryParam("programme", "  ").get(path + part, t.province)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("programme"));
        }
        given().header("Authorization", t.admin()).queryParam("programme", "no-such-programme")
                .get(path, t.province).then().statusCode(404);
        given().header("Authorization", t.admin()).get(path, UUID.randomUUID()).then().statusCode(404);
    }
}
