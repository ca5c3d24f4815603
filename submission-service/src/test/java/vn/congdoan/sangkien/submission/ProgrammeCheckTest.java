package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.submission.repository.ProgrammeReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** A submission names a programme of the replica of programmes.v1, on a day within its dates. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class ProgrammeCheckTest {

    @Inject
    OrgUnitReplicaRepository units;

    @Inject
    ProgrammeReplicaRepository replicas;

    @Inject
    TestProgrammes programmes;

    @Inject
    MovableClock clock;

    @AfterEach
    void backToTheMachinesTime() {
        clock.reset();
    }

    @Test
    void aSubmissionToAProgrammeThatDoesNotExistOrIsNotOpenThatDayIsRefusedNamingIt() {
        Replica.Province p = Replica.province(units);
        String code = programmes.publishNew(LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 1));

        create(p, "m-prog-1", "no-such-programme", true).statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("programmeCode"))
                .body("detail", not(containsString("Exception")));
        create(p, "m-prog-2", "no-such-programme", false).statusCode(422).body("field", equalTo("programmeCode"));

        clock.set(OffsetDateTime.parse("2021-08-31T23:59:00+07:00").toInstant());
        create(p, "m-prog-3", code, true).statusCode(422).body("field", equalTo("programmeCode"));
        clock.set(OffsetDateTime.parse("2021-09-01T00:01:00+07:00").toInstant());
        create(p, "m-prog-4", code, true).statusCode(201);
        clock.set(OffsetDateTime.parse("2023-09-01T23:59:00+07:00").toInstant());
        create(p, "m-prog-5", code, true).statusCode(201);
        String draft = create(p, "m-prog-draft", code, false).statusCode(201).extract().path("id");

        clock.set(OffsetDateTime.parse("2023-09-02T00:01:00+07:00").toInstant());
        create(p, "m-prog-7", code, true).statusCode(422).body("field", equalTo("programmeCode"));
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-prog-draft"))
                .post("/api/v1/initiatives/" + draft + "/submit").then()
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("programmeCode"));
    }

    @Test
    void aProgrammeWithoutALastDayTakesSubmissionsUntilItIsRemoved() {
        Replica.Province p = Replica.province(units);
        String code = programmes.publishNew(LocalDate.of(2021, 9, 1), null);
        clock.set(OffsetDateTime.parse("2030-01-01T10:00:00+07:00").toInstant());
        create(p, "m-prog-8", code, true).statusCode(201);

        TopicProbe.send(Topics.PROGRAMMES, code, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> replicas.findByIdOptional(code).isEmpty()));
        create(p, "m-prog-9", code, true).statusCode(422).body("field", equalTo("programmeCode"));
    }

    /** Each by a member of its own: a member's writes are rate-limited. */
    private static ValidatableResponse create(Replica.Province p, String member, String programme, boolean submit) {
        return given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                .contentType(ContentType.JSON)
                .body(Replica.initiative(p.unit(), member).replace("1-trieu-sang-kien", programme)
                        .replace("\"submit\":true", "\"submit\":" + submit))
                .post("/api/v1/initiatives").then();
    }
}
