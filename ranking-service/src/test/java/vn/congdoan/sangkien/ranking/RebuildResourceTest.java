package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static vn.congdoan.sangkien.ranking.Fixtures.next;
import static vn.congdoan.sangkien.ranking.Fixtures.row;
import static vn.congdoan.sangkien.ranking.Fixtures.send;
import static vn.congdoan.sangkien.ranking.Fixtures.standings;
import static vn.congdoan.sangkien.ranking.Fixtures.submitted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ranking"))
@QuarkusTestResource(KafkaResource.class)
class RebuildResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void aRebuildFromTheTopicEqualsTheLiveStandingsAndFindsATamperedCounter() throws Exception {
        String programme = Fixtures.newProgramme();
        UUID province = Fixtures.province("Liên đoàn Lao động tỉnh Điện Biên", 15_000);
        String mergedName = "Liên đoàn Lao động tỉnh Lai Châu";
        UUID merged = Fixtures.province(mergedName, 5_000);
        InitiativeEvent withdrawn = submitted(programme, province, "m-1");
        InitiativeEvent recognised = submitted(programme, province, "m-2", "m-3");
        send(withdrawn, recognised, submitted(programme, province, "m-1"), next(withdrawn, InitiativeStatus.WITHDRAWN),
                next(recognised, InitiativeStatus.RECOGNIZED), recognised, submitted(programme, merged, "m-1"));
        // provinces enough to spread over the topic's partitions and so over the rebuild's workers, a member in all
        List<InitiativeEvent> spread = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID other = Fixtures.province("Liên đoàn Lao động tỉnh Thử Nghiệm " + i, 1_000);
            InitiativeEvent later = submitted(programme, other, "m-1", "m-spread-" + i);
            spread.add(submitted(programme, other, "m-1"));
            spread.add(later);
            spread.add(next(later, i % 2 == 0 ? InitiativeStatus.WITHDRAWN : InitiativeStatus.UNDER_REVIEW));
        }
        send(spread);
        // a merge moves where counts stand, not the counters a rebuild compares
        Fixtures.merge(merged, mergedName, 5_000, province, LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")));
        await().atMost(Duration.ofSeconds(20)).ignoreException(NullPointerException.class).until(() -> standings(programme).getInt(row(province) + ".recognized") == 1
                && standings(programme).getInt(row(province) + ".submissions") == 3);

        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(true))
                .body("liveCaughtUp", equalTo(true))
                .body("eventsRead", greaterThanOrEqualTo(7 + 36))
                .body("differences", empty());

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update standing set submissions = submissions + 1 where programme_code = ? and province_id = ?")) {
            s.setString(1, programme);
            s.setObject(2, province);
            s.executeUpdate();
        }
        given().header("Authorization", Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD"))
                .queryParam("programme", programme).post("/api/v1/admin/rebuild").then()
                .statusCode(200)
                .body("equal", equalTo(false))
                .body("differences", hasSize(1))
                .body("differences[0].figure", equalTo("submissions"))
                .body("differences[0].live", equalTo(3))
                .body("differences[0].rebuilt", equalTo(2));
    }
}
