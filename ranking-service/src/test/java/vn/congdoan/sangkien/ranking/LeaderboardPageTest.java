package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static vn.congdoan.sangkien.ranking.Fixtures.WAIT;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.InitiativeEvent;

/** The leaderboard page and the widget as HTTP serves them; what they show in a browser is LeaderboardIT's. */
@QuarkusTest
@WithRankingResources
class LeaderboardPageTest {

    @Test
    void thePageIsPublicCachedAndMayNotBeFramed() {
        Response page = given().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("<html lang=\"vi\">", "/assets/leaderboard.js");
        assertThat(page.header("Cache-Control")).contains("max-age=300").doesNotContain("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        given().header("Accept-Encoding", "gzip").get("/").then().statusCode(200).header("Content-Encoding", "gzip");
        given().header("If-None-Match", "W/" + page.header("ETag")).get("/").then().statusCode(304);
        given().header("Accept-Encoding", "gzip").get("/assets/leaderboard.js").then().statusCode(200)
                .header("Content-Encoding", "gzip").header("Cache-Control", containsString("max-age=3600"));
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200);
    }

    @Test
    void theWidgetShowsAClustersTableWithTheProvincesRowMarkedAndAnySiteMayFrameIt() {
        String programme = Fixtures.newProgramme();
        UUID ngheAn = Fixtures.province("Liên đoàn Lao động tỉnh Nghệ An", 80_000);
        UUID haTinh = Fixtures.province("Liên đoàn Lao động tỉnh Hà Tĩnh", 69_000);
        String cluster = Fixtures.grouping("CLUSTER", GroupingKind.EMULATION_CLUSTER, ngheAn, haTinh);
        List<InitiativeEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            events.add(submitted(programme, ngheAn, "m-" + i % 3));
        }
        send(events);
        String widget = "/widget?programme=" + programme + "&cluster=" + cluster + "&province=" + ngheAn;

        await().atMost(WAIT).untilAsserted(() -> given().get(widget).then().statusCode(200)
                .body(containsString("1.234")));
        Response answer = given().get(widget);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors *");
        assertThat(answer.header("X-Frame-Options")).isNull();
        assertThat(answer.header("Cache-Control")).contains("max-age=5");
        assertThat(answer.body().asString()).contains("<tr class=\"own\">", "Hà Tĩnh", "/assets/widget.js",
                "<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>");
        given().header("If-None-Match", answer.header("ETag")).get(widget).then().statusCode(304);

        given().get(widget + "&script=false&refresh=30").then().statusCode(200)
                .body(containsString("<meta http-equiv=\"refresh\" content=\"30\">"))
                .body(not(containsString("<script")));
    }

    @Test
    void aWidgetForOneProvinceShowsItsNationalRank() {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Thái Bình", 10_000);
        send(submitted(programme, province, "m-1"));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("programme", programme)
                .queryParam("province", province.toString()).get("/widget").then().statusCode(200)
                .body(containsString("Thái Bình — hạng 1 toàn quốc")));
    }

    @Test
    void aWidgetAskedForNothingOrForTooQuickARefreshIsAProblemNamingTheParameter() {
        given().get("/widget").then().statusCode(400).body("field", equalTo("province"));
        given().get("/widget?province=40&refresh=1").then().statusCode(400).body("field", equalTo("refresh"));
        given().get("/widget?province=40&script=maybe").then().statusCode(400).body("field", equalTo("script"));
        given().get("/widget?programme=" + Fixtures.newProgramme() + "&province=" + UUID.randomUUID()).then()
                .statusCode(404);
    }
}
