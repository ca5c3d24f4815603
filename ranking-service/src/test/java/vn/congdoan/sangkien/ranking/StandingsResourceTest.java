package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.next;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.rowOf;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.rest.HttpDates;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.ranking.service.StandingsMath;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@WithRankingResources
class StandingsResourceTest {

    @Inject
    DataSource dataSource;

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The obsolete asctime form of an HTTP date, as old clients send it: a day of one digit padded with a space. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    @Test
    void eventsFromTheBrokerAreCountedOnceAndWithdrawalLowersTheCount() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Hà Tĩnh", 69_000);
        InitiativeEvent first = submitted(programme, province, "m-1", "m-2");

        send(first, first, submitted(programme, province, "m-2"));
        awaitRow(programme, province, Map.of("submissions", 2, "submitters", 2, "rank", 1));

        send(next(first, InitiativeStatus.WITHDRAWN));
        awaitRow(programme, province, Map.of("submissions", 1, "submitters", 1, "rank", 1));
    }

    @Test
    void everyProvinceInForceIsListedEvenWithoutSubmissions() {
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Quảng Bình", null);

        Fixtures.awaitSubmissions(Fixtures.newProgramme(), province, 0);
    }

    @Test
    void tiesShareARankAndAreListedInVietnameseOrder() {
        String programme = Fixtures.newProgramme();
        UUID thanhHoa = Fixtures.province("Liên đoàn Lao động tỉnh Thanh Hóa", 100_000);
        UUID ngheAn = Fixtures.province("Liên đoàn Lao động tỉnh Nghệ An", 80_000);
        UUID haTinh = Fixtures.province("Liên đoàn Lao động tỉnh Hà Tĩnh", 69_000);
        UUID daNang = Fixtures.province("Liên đoàn Lao động thành phố Đà Nẵng", 50_000);
        String region = Fixtures.grouping("REGION", GroupingKind.REGION, thanhHoa, ngheAn, haTinh, daNang);
        String cluster = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, thanhHoa, ngheAn, haTinh);
        InitiativeEvent recognised = submitted(programme, ngheAn, "na-1");
        send(submitted(programme, thanhHoa, "th-1"), submitted(programme, thanhHoa, "th-1"),
                submitted(programme, thanhHoa, "th-2"),
                recognised, next(recognised, InitiativeStatus.UNDER_REVIEW),
                next(next(recognised, InitiativeStatus.UNDER_REVIEW), InitiativeStatus.RECOGNIZED),
                submitted(programme, ngheAn, "na-2"),
                submitted(programme, haTinh, "ht-1"), submitted(programme, haTinh, "ht-1"),
                submitted(programme, daNang, "dn-1"));

        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme, "region", region);
            assertThat(body.getList("shortName")).containsExactly("Thanh Hóa", "Hà Tĩnh", "Nghệ An", "Đà Nẵng");
            assertThat(body.getList("rank")).containsExactly(1, 2, 2, 4);
            assertThat(body.getList("regionRank")).containsExactly(1, 2, 2, 4);
            assertThat(body.getList("clusterRank")).containsExactly(1, 2, 2, null);
            assertThat(body.getList("submissions")).containsExactly(3, 2, 2, 1);
            assertThat(body.getList("submitters")).containsExactly(2, 1, 2, 1);
            assertThat(body.getList("recognized")).containsExactly(0, 0, 1, 0);
            assertThat(body.getList("region")).containsOnly(region);
        });
        assertThat(standings(programme, "cluster", cluster).getList("shortName"))
                .containsExactly("Thanh Hóa", "Hà Tĩnh", "Nghệ An");
        JsonPath byRecognised = standings(programme, "region", region, "sort", "recognized");
        assertThat(byRecognised.getList("shortName")).containsExactly("Nghệ An", "Đà Nẵng", "Hà Tĩnh", "Thanh Hóa");
        assertThat(byRecognised.getList("regionRank")).containsExactly(1, 2, 2, 2);
        JsonPath bySubmitters = standings(programme, "region", region, "sort", "submitters");
        assertThat(bySubmitters.getList("shortName")).containsExactly("Nghệ An", "Thanh Hóa", "Đà Nẵng", "Hà Tĩnh");
        assertThat(bySubmitters.getList("regionRank")).containsExactly(1, 1, 3, 3);
    }

    @Test
    void percentageOfThePhaseTargetAndSubmissionsPerThousandMembers() {
        String programme = Fixtures.programmeCode();
        UUID ngheAn = Fixtures.province("Liên đoàn Lao động tỉnh Nghệ An", 12_000);
        UUID quangTri = Fixtures.province("Liên đoàn Lao động tỉnh Quảng Trị", null);
        Fixtures.programme(programme, 1_000, Map.of(ngheAn, 13L));
        List<InitiativeEvent> events = new ArrayList<>();
        for (int i = 0; i < 58; i++) {
            events.add(submitted(programme, ngheAn, "m-" + i));
        }
        events.add(submitted(programme, quangTri, "qt-1"));
        send(events);

        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme, "sort", "targetPercent");
            assertThat(rowOf(body, ngheAn)).containsEntry("submissions", 58).containsEntry("target", 13)
                    .containsEntry("rank", 1);
            assertThat(body.getDouble(row(ngheAn) + ".targetPercent")).isEqualTo(446.2);
            assertThat(body.getDouble(row(ngheAn) + ".perThousandMembers")).isEqualTo(4.8);
            assertThat(rowOf(body, quangTri)).extracting("targetPercent", "perThousandMembers").containsOnlyNulls();
        });
        given().get("/api/v1/programmes/{code}/summary", programme).then().statusCode(200)
                .body("submissions", equalTo(59))
                .body("nationalTarget", equalTo(1000))
                .body("targetShare", equalTo(5.9f))
                .body("daysElapsed", equalTo(731))
                .body("daysRemaining", equalTo(0))
                .body("provincesWithTarget", equalTo(1))
                .body("provincesAtOrAboveTarget", equalTo(1));
        given().get("/api/v1/programmes/{code}/summary", Fixtures.programmeCode()).then().statusCode(404);
    }

    @Test
    void aMemberWhoSubmittedInTwoProvincesIsOneOfTheCountrysSubmitters() {
        String programme = Fixtures.newProgramme();
        UUID hue = Fixtures.province("Liên đoàn Lao động thành phố Huế", 30_000);
        UUID daNang = Fixtures.province("Liên đoàn Lao động thành phố Đà Nẵng", 90_000);
        InitiativeEvent inDaNang = submitted(programme, daNang, "moved-1");
        send(submitted(programme, hue, "moved-1", "hue-1"), inDaNang, submitted(programme, daNang, "dn-1"));
        awaitRow(programme, daNang, Map.of("submitters", 2));
        summary(programme, 3, 3);

        // counted under a province org-unit-service has not published: in none of the summary's figures
        UUID unpublished = UUID.randomUUID();
        send(submitted(programme, unpublished, "moved-1", "elsewhere-1"));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme);
            assertThat(body.getInt(row(hue) + ".submitters")).isEqualTo(2);
            assertThat(body.getInt(row(daNang) + ".submitters")).isEqualTo(2);
            assertThat(countedSubmitters(programme, unpublished)).isEqualTo(2);
        });
        summary(programme, 3, 3);

        // once the initiative in Đà Nẵng is withdrawn, the member counts in Huế alone: still one submitter
        send(next(inDaNang, InitiativeStatus.WITHDRAWN));
        awaitRow(programme, daNang, Map.of("submitters", 1));
        summary(programme, 2, 3);
    }

    @Test
    void withdrawalAndDuplicateLowerTheCountsOfTheDayTheyHappened() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Quảng Bình", 40_000);
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        InitiativeEvent early = Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED,
                yesterday, "m-1");
        InitiativeEvent a = submitted(programme, province, "m-1");
        InitiativeEvent b = submitted(programme, province, "m-2");
        InitiativeEvent c = submitted(programme, province, "m-3");
        send(early, a, b, c);
        LocalDate today = LocalDate.now(VIETNAM);
        int earlyInThisWeek = StandingsMath.weekStart(today).isAfter(today.minusDays(1)) ? 0 : 1;

        awaitRow(programme, province,
                Map.of("submissions", 4, "submitters", 3, "today", 3, "thisWeek", 3 + earlyInThisWeek));

        // today's figure is how much the submissions rose today: a, b and c came, a, b and the early one went
        send(next(a, InitiativeStatus.WITHDRAWN), next(b, InitiativeStatus.DUPLICATE),
                next(early, InitiativeStatus.WITHDRAWN));
        awaitRow(programme, province,
                Map.of("submissions", 1, "submitters", 1, "today", 0, "thisWeek", earlyInThisWeek));
    }

    @Test
    void aRedeliveredOrOlderEventIsCountedOnce() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Quảng Ngãi", 10_000);
        InitiativeEvent submitted = submitted(programme, province, "m-1");
        InitiativeEvent recognised = next(next(submitted, InitiativeStatus.UNDER_REVIEW), InitiativeStatus.RECOGNIZED);
        send(submitted, submitted, recognised, submitted, recognised, next(submitted, InitiativeStatus.UNDER_REVIEW));

        awaitRow(programme, province, Map.of("submissions", 1, "submitters", 1, "recognized", 1, "today", 1));
    }

    @Test
    void anUnchangedStandingsIsAnsweredWith304AndNoBody() {
        Fixtures.Counted counted = Fixtures.oneSubmissionIn("Liên đoàn Lao động tỉnh Bắc Ninh", 10_000);
        String programme = counted.programme();
        UUID province = counted.province();

        Response first = given().queryParam("programme", programme).get("/api/v1/standings");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");
        assertThat(first.header("Cache-Control")).contains("max-age=5");
        // Last-Modified comes once the second of the last change is over (see the If-Modified-Since tests)
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> assertThat(given().queryParam("programme", programme)
                .get("/api/v1/standings").header("Last-Modified")).isNotBlank());

        given().queryParam("programme", programme).header("If-None-Match", etag)
                .get("/api/v1/standings").then()
                .statusCode(304)
                .header("ETag", etag)
                .body(equalTo(""));
        given().queryParam("programme", programme).header("Accept-Encoding", "gzip")
                .get("/api/v1/standings").then()
                .statusCode(200)
                .header("Content-Encoding", "gzip");

        send(submitted(programme, province, "m-2"));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> given().queryParam("programme", programme)
                .header("If-None-Match", etag).get("/api/v1/standings").then()
                .statusCode(200)
                .body(row(province) + ".submissions", equalTo(2)));
    }

    @Test
    void oneProvinceRowByIdOrCode() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Hưng Yên", 20_000);
        send(submitted(programme, province, "m-1"));

        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> given().queryParam("programme", programme)
                .get("/api/v1/standings/{province}", province).then()
                .statusCode(200)
                .body("shortName", equalTo("Hưng Yên"))
                .body("name", equalTo("Liên đoàn Lao động tỉnh Hưng Yên"))
                .body("submissions", equalTo(1))
                .body("rank", equalTo(1)));
        String code = given().queryParam("programme", programme).get("/api/v1/standings/{province}", province)
                .then().extract().path("code");
        given().queryParam("programme", programme).get("/api/v1/standings/{province}", code).then()
                .statusCode(200).body("provinceId", equalTo(province.toString()));
        given().get("/api/v1/standings/{province}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblemNamingTheParameter() {
        problem("/api/v1/standings", "sort", "rank", "sort");
        problem("/api/v1/standings", "date", "15/04/2022", "date");
        problem("/api/v1/standings", "date", LocalDate.now(VIETNAM).plusDays(2).toString(), "date");
        problem("/api/v1/standings", "region", "NO-SUCH-REGION", "region");
        problem("/api/v1/standings", "cluster", "NO-SUCH-CLUSTER", "cluster");
        problem("/api/v1/standings", "programme", " ", "programme");
        problem("/api/v1/standings/stream", "sort", "rank", "sort");
        given().queryParam("from", "2022-04-15").queryParam("to", "2022-04-01")
                .get("/api/v1/standings/{province}/history", UUID.randomUUID()).then()
                .statusCode(400).body("field", equalTo("from"));
        given().queryParam("programme", Fixtures.programmeCode()).queryParam("asOf", "2022-04-15")
                .get("/api/v1/standings").then()
                .statusCode(404).contentType("application/problem+json").body("field", equalTo("programme"));
    }

    @Test
    void aMergedProvinceCountsInItsSuccessorFromTheDayOfTheMerge() {
        String programme = Fixtures.newProgramme();
        String bacLieuName = "Liên đoàn Lao động tỉnh Bạc Liêu";
        UUID bacLieu = Fixtures.province(bacLieuName, 10_000);
        UUID caMau = Fixtures.province("Liên đoàn Lao động tỉnh Cà Mau", 20_000);
        String cluster = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, bacLieu, caMau);
        Instant yesterdayAt = Instant.now().minus(Duration.ofDays(1));
        InitiativeEvent laterWithdrawn = submittedAt(programme, bacLieu, yesterdayAt, "m-1");
        send(laterWithdrawn, submittedAt(programme, bacLieu, yesterdayAt, "m-2"),
                submittedAt(programme, caMau, yesterdayAt, "m-2"), submittedAt(programme, caMau, yesterdayAt, "m-3"),
                submittedAt(programme, caMau, yesterdayAt, "m-4"));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme);
            assertThat(body.getInt(row(bacLieu) + ".submissions")).isEqualTo(2);
            assertThat(body.getInt(row(caMau) + ".submissions")).isEqualTo(3);
        });
        LocalDate today = LocalDate.now(VIETNAM);

        Fixtures.merge(bacLieu, bacLieuName, 10_000, caMau, today);

        // from the day of the merge, Bạc Liêu's submissions are Cà Mau's; m-2, in both, is one submitter
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme);
            assertThat(body.getList("provinceId")).doesNotContain(bacLieu.toString());
            assertThat(body.getInt(row(caMau) + ".submissions")).isEqualTo(5);
            assertThat(body.getInt(row(caMau) + ".submitters")).isEqualTo(4);
            assertThat(body.getInt(row(caMau) + ".today")).isZero();
        });
        assertThat(standings(programme, "cluster", cluster).getList("shortName")).containsExactly("Cà Mau");
        given().queryParam("programme", programme).get("/api/v1/standings/{province}", caMau).then()
                .statusCode(200).body("submissions", equalTo(5)).body("submitters", equalTo(4));
        summary(programme, 5, 4).body("today", equalTo(0));

        // the day before the merge, both provinces stand apart
        LocalDate yesterday = today.minusDays(1);
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).queryParam("date", yesterday.toString())
                .post("/api/v1/admin/snapshots").then().statusCode(201);
        JsonPath before = standings(programme, "date", yesterday.toString());
        assertThat(before.getInt(row(bacLieu) + ".submissions")).isEqualTo(2);
        assertThat(before.getInt(row(bacLieu) + ".submitters")).isEqualTo(2);
        assertThat(before.getInt(row(caMau) + ".submissions")).isEqualTo(3);
        assertThat(before.getInt(row(caMau) + ".submitters")).isEqualTo(3);

        // and counting goes on: a withdrawal in the merged province lowers its successor
        send(next(laterWithdrawn, InitiativeStatus.WITHDRAWN));
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme);
            assertThat(body.getInt(row(caMau) + ".submissions")).isEqualTo(4);
            assertThat(body.getInt(row(caMau) + ".submitters")).isEqualTo(3);
        });
        summary(programme, 4, 3);
    }

    @Test
    void aProvinceInTwoClustersIsListedAndRankedInEach() {
        String programme = Fixtures.newProgramme();
        UUID thanhHoa = Fixtures.province("Liên đoàn Lao động tỉnh Thanh Hóa", 100_000);
        UUID haTinh = Fixtures.province("Liên đoàn Lao động tỉnh Hà Tĩnh", 69_000);
        UUID ngheAn = Fixtures.province("Liên đoàn Lao động tỉnh Nghệ An", 80_000);
        String first = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, thanhHoa, haTinh);
        String second = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, haTinh, ngheAn);
        String region = Fixtures.grouping("REGION", GroupingKind.REGION, thanhHoa, haTinh, ngheAn);
        send(submitted(programme, thanhHoa, "th-1"), submitted(programme, thanhHoa, "th-2"),
                submitted(programme, thanhHoa, "th-3"), submitted(programme, haTinh, "ht-1"),
                submitted(programme, haTinh, "ht-2"), submitted(programme, ngheAn, "na-1"));

        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme, "cluster", second);
            assertThat(body.getList("shortName")).containsExactly("Hà Tĩnh", "Nghệ An");
            assertThat(body.getList("clusterRank")).containsExactly(1, 2);
            assertThat(body.getList("cluster")).containsOnly(second);
        });
        JsonPath inFirst = standings(programme, "cluster", first);
        assertThat(inFirst.getList("shortName")).containsExactly("Thanh Hóa", "Hà Tĩnh");
        assertThat(inFirst.getList("clusterRank")).containsExactly(1, 2);
        assertThat(inFirst.getList("cluster")).containsOnly(first);
        JsonPath inRegion = standings(programme, "region", region);
        assertThat(inRegion.getList(row(haTinh) + ".clusters")).containsExactlyInAnyOrder(first, second);
        assertThat(inRegion.getList(row(thanhHoa) + ".clusters")).containsExactly(first);
        assertThat(inRegion.getList(row(haTinh) + ".regions")).containsExactly(region);
    }

    @Test
    void aResponseInTheSecondOfAChangeHasNoLastModifiedAndThatSecondIsNoGroundFor304() {
        String programme = Fixtures.newProgramme();
        Instant changed = changeStandingsAt("clock_timestamp()");

        // a Last-Modified of this second could not tell this state from a later change within the same second
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> assertThat(given().queryParam("programme", programme)
                .get("/api/v1/standings").then().statusCode(200).extract().header("Last-Modified")).isNull());
        given().queryParam("programme", programme).header("If-Modified-Since", HttpDates.format(changed))
                .get("/api/v1/standings").then()
                .statusCode(200);
    }

    @Test
    void ifModifiedSinceIs304OnlyWhenNothingChangedAfterItsSecond() {
        String programme = Fixtures.newProgramme();
        Instant changed = changeStandingsAt("date_trunc('second', clock_timestamp()) - interval '9.5 seconds'");
        String second = HttpDates.format(changed);
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> given().queryParam("programme", programme)
                .get("/api/v1/standings").then().statusCode(200).header("Last-Modified", second));

        given().queryParam("programme", programme).header("If-Modified-Since", second)
                .get("/api/v1/standings").then()
                .statusCode(304)
                .body(equalTo(""));
        // recipients also read the obsolete asctime form and a one-digit day (RFC 9110, 5.6.7)
        given().queryParam("programme", programme)
                .header("If-Modified-Since", ASCTIME.format(changed.atZone(ZoneOffset.UTC)))
                .get("/api/v1/standings").then()
                .statusCode(304);
        given().queryParam("programme", programme).header("If-Modified-Since", HttpDates.format(changed.minusSeconds(1)))
                .get("/api/v1/standings").then()
                .statusCode(200);

        changeStandingsAt("date_trunc('second', clock_timestamp()) - interval '8.8 seconds'");
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> given().queryParam("programme", programme)
                .header("If-Modified-Since", second).get("/api/v1/standings").then()
                .statusCode(200));
    }

    @Test
    void ifNoneMatchAloneDecidesWhenBothAreSent() {
        String programme = Fixtures.newProgramme();
        changeStandingsAt("clock_timestamp() - interval '1 minute'");
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> assertThat(given().queryParam("programme", programme)
                .get("/api/v1/standings").then().statusCode(200).extract().header("Last-Modified")).isNotNull());
        String etag = given().queryParam("programme", programme).get("/api/v1/standings").header("ETag");
        String future = HttpDates.format(Instant.now().plus(Duration.ofDays(1)));

        given().queryParam("programme", programme).header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", future)
                .get("/api/v1/standings").then()
                .statusCode(200);
        given().queryParam("programme", programme).header("If-None-Match", etag)
                .header("If-Modified-Since", HttpDates.format(Instant.EPOCH))
                .get("/api/v1/standings").then()
                .statusCode(304);
    }

    @Test
    void anUnknownProgrammeIsNotFoundNamingTheParameter() {
        String unknown = Fixtures.programmeCode();
        String known = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Kon Tum", 10_000);
        await().atMost(WAIT).until(() -> given().queryParam("programme", known)
                .get("/api/v1/standings/{province}", province).statusCode() == 200);

        for (String path : List.of("/api/v1/standings", "/api/v1/standings/" + province,
                "/api/v1/standings/" + province + "/history")) {
            given().queryParam("programme", unknown).get(path).then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("field", equalTo("programme"));
        }
        given().get("/api/v1/programmes/{code}/summary", unknown).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("programme"));
    }

    /** The submitters ranking-service has counted for a province, whether or not it knows the province. */
    private int countedSubmitters(String programme, UUID province) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select coalesce(sum(submitters), 0) from standing where programme_code = ? and province_id = ?")) {
            s.setString(1, programme);
            s.setObject(2, province);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a change of the standings at the time {@code sql} gives; returns that time. */
    private Instant changeStandingsAt(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update standings_revision set revision = revision + 1, changed_at = " + sql
                        + " where id = 1 returning changed_at")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(String path, String param, String value, String field) {
        given().queryParam(param, value).get(path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    /** Waits until the province's row of the live standings shows {@code figures}, named as the row names them. */
    private static void awaitRow(String programme, UUID province, Map<String, Integer> figures) {
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> {
            JsonPath body = standings(programme);
            figures.forEach((figure, value) -> assertThat(body.getInt(row(province) + "." + figure)).as(figure)
                    .isEqualTo(value));
        });
    }

    /** The programme's summary, checked to count these submissions and submitters. */
    private static ValidatableResponse summary(String programme, int submissions, int submitters) {
        return given().get("/api/v1/programmes/{code}/summary", programme).then().statusCode(200)
                .body("submissions", equalTo(submissions)).body("submitters", equalTo(submitters));
    }

    private static InitiativeEvent submittedAt(String programme, UUID province, Instant at, String... authors) {
        return Fixtures.event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED, at, authors);
    }
}
