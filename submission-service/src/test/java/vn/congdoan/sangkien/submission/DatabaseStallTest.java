package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * A database that stalls (here: a lock held on the initiatives' table, longer than the group commit's timeout) is
 * answered with 503 and Retry-After, in bounded time, by every path of a submission; once it moves again, submissions
 * go through.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class DatabaseStallTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    DataSource dataSource;

    @Test
    void aStalledDatabaseIsA503InBoundedTimeNotAHang() throws Exception {
        Replica.Province p = Replica.province(replicas);
        String member = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-stall");
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table initiative in access exclusive mode");
            for (String key : new String[] {null, "stall-" + UUID.randomUUID()}) {
                Instant sent = Instant.now();
                Response answer = CompletableFuture.supplyAsync(() -> {
                    var request = given().header("Authorization", member).contentType(ContentType.JSON)
                            .body(Replica.initiative(p.unit(), "m-stall"));
                    return (key == null ? request : request.header("Idempotency-Key", key))
                            .post("/api/v1/initiatives");
                }).get(40, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as("with key %s: %s", key, answer.asString()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(30));
            }
            holder.rollback();
        }
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(Replica.initiative(p.unit(), "m-stall")).post("/api/v1/initiatives").then().statusCode(201);
    }
}
