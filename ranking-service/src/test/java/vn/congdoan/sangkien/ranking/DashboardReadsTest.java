package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.oneSubmissionIn;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.ranking.Fixtures.Counted;
import vn.congdoan.sangkien.ranking.service.VietnameseOrder;

/** What dashboards that poll rely on: entity tags matched as RFC 9110 says, on every read they poll. */
@QuarkusTest
@WithRankingResources
class DashboardReadsTest {

    @Test
    void aWeakEntityTagAsAProxyThatCompressedTheAnswerSendsItMatchesTheStrongOne() {
        Counted counted = oneSubmissionIn("Liên đoàn Lao động tỉnh Phú Thọ", 10_000);
        String programme = counted.programme();
        String etag = given().queryParam("programme", programme).get("/api/v1/standings").header("ETag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", W/" + etag, "*")) {
            given().queryParam("programme", programme).header("If-None-Match", ifNoneMatch)
                    .get("/api/v1/standings").then().statusCode(304).header("ETag", etag);
        }
        given().queryParam("programme", programme).header("If-None-Match", "W/\"other\"")
                .get("/api/v1/standings").then().statusCode(200);
    }

    @Test
    void theSummaryAndOneProvincesRowAreAnswered304WhileUnchanged() {
        Counted counted = oneSubmissionIn("Liên đoàn Lao động tỉnh Vĩnh Phúc", 10_000);
        String programme = counted.programme();
        UUID province = counted.province();
        String summary = "/api/v1/programmes/" + programme + "/summary";
        String row = "/api/v1/standings/" + province + "?programme=" + programme;

        for (String path : List.of(summary, row)) {
            Response first = given().get(path);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.header("Cache-Control")).contains("max-age=5");
            String etag = first.header("ETag");
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]+\"");
            given().header("If-None-Match", "W/" + etag).get(path).then().statusCode(304).body(equalTo(""));
        }
        String summaryTag = given().get(summary).header("ETag");
        String rowTag = given().get(row).header("ETag");

        send(submitted(programme, province, "m-2"));

        await().atMost(WAIT).untilAsserted(() -> given().header("If-None-Match", summaryTag).get(summary).then()
                .statusCode(200).body("submissions", equalTo(2)));
        given().header("If-None-Match", rowTag).get(row).then().statusCode(200).body("submissions", equalTo(2));
    }

    @Test
    void theStandingsSortByMovementAndTheClimbersComeFirst() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Yên Bái", 10_000);
        send(submitted(programme, province, "m-1"));

        // a week before, nobody had submitted anything: nobody has moved
        await().atMost(WAIT).ignoreException(NullPointerException.class).untilAsserted(() -> given()
                .queryParam("programme", programme).queryParam("sort", "movementSinceLastWeek")
                .get("/api/v1/standings").then().statusCode(200)
                .body(row(province) + ".rank", equalTo(1))
                .body(row(province) + ".movementSinceLastWeek", equalTo(0)));
        given().queryParam("programme", programme).queryParam("sort", "movementSinceYesterday")
                .get("/api/v1/standings").then().statusCode(200);
    }

    @Test
    void theGroupingsAreListedInVietnameseOrderByKind() {
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Bạc Liêu", 10_000);
        String region = Fixtures.grouping("REGION", GroupingKind.REGION, province);
        String cluster = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, province);

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/api/v1/groupings")
                .jsonPath().getList("code")).contains(region, cluster));
        assertThat(given().queryParam("kind", "REGION").get("/api/v1/groupings").jsonPath().getList("kind"))
                .containsOnly("REGION");
        List<String> names = given().get("/api/v1/groupings").jsonPath().getList("name");
        assertThat(names).isSortedAccordingTo(VietnameseOrder.NAMES);
        given().queryParam("kind", "PROVINCE").get("/api/v1/groupings").then()
                .statusCode(400).body("field", equalTo("kind"));
    }
}
