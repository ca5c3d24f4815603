package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.kit.outbox.OutboxRelay;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;

/**
 * One relay publishes at a time, across every instance sharing the database: while another session holds the
 * relay's lock (another instance's relay in the middle of its round), this instance's relay publishes nothing, and
 * once the lock is free it publishes what waited.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class OutboxRelayLockTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    DataSource dataSource;

    @Test
    void whileAnotherInstanceHoldsTheRelayLockNothingIsPublishedHere() throws Exception {
        Replica.Province p = Replica.province(replicas);
        String member = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-relay-lock");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            String id = given().header("Authorization", member).contentType(ContentType.JSON)
                    .body(Replica.initiative(p.unit(), "m-relay-lock")).post("/api/v1/initiatives").then()
                    .statusCode(201).extract().path("id");
            // the relay is woken by the commit and polls every second after it: three rounds at least
            Thread.sleep(3_000);
            assertThat(waiting(id)).as("unpublished while the lock is held elsewhere").isTrue();
            other.commit();

            await().atMost(Duration.ofSeconds(20)).until(() -> !waiting(id));
        }
    }

    private boolean waiting(String initiativeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select count(*) from outbox_event where published_at is null and payload like ?")) {
            select.setString(1, "%" + initiativeId + "%");
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
