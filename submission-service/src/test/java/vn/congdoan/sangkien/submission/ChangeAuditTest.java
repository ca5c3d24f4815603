package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

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
 * A change's audit entry is written in the change's own transaction: it is there the moment the change is answered,
 * and a change whose entry cannot be written is not made. Both paths of a write are covered: a new initiative's own
 * statement (its group commit) and a transaction (a withdrawal, a creation with an Idempotency-Key).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class ChangeAuditTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    DataSource dataSource;

    @Test
    void aChangeIsAuditedTheMomentItIsAnswered() throws SQLException {
        Replica.Province p = Replica.province(replicas);
        String member = "m-audited-" + UUID.randomUUID();
        String token = Tokens.bearer(Roles.MEMBER, p.unit().toString(), member);

        String id = create(token, p.unit(), member, null).then().statusCode(201).extract().path("id");
        assertThat(entries(member, "POST", "/api/v1/initiatives")).as("entry of the creation").isEqualTo(1);

        create(token, p.unit(), member, "audited-" + UUID.randomUUID()).then().statusCode(201);
        assertThat(entries(member, "POST", "/api/v1/initiatives")).as("with an Idempotency-Key").isEqualTo(2);

        given().header("Authorization", token).post("/api/v1/initiatives/" + id + "/withdraw").then().statusCode(200);
        assertThat(entries(member, "POST", "/api/v1/initiatives/" + id + "/withdraw")).as("entry of the withdrawal")
                .isEqualTo(1);
    }

    @Test
    void aChangeWhoseEntryCannotBeWrittenIsNotMade() throws SQLException {
        Replica.Province p = Replica.province(replicas);
        String member = "m-unaudited-" + UUID.randomUUID();
        String token = Tokens.bearer(Roles.MEMBER, p.unit().toString(), member);
        String id = create(token, p.unit(), member, null).then().statusCode(201).extract().path("id");
        String constraint = "audit_refuses_" + member.substring(member.length() - 12);
        execute("alter table audit_entry add constraint " + constraint + " check (actor <> '" + member + "') not valid");
        try {
            Response alone = create(token, p.unit(), member, null);
            assertThat(alone.statusCode()).as("%s", alone.asString()).isGreaterThanOrEqualTo(500);
            Response keyed = create(token, p.unit(), member, "unaudited-" + UUID.randomUUID());
            assertThat(keyed.statusCode()).as("%s", keyed.asString()).isGreaterThanOrEqualTo(500);
            assertThat(count("select count(*) from initiative where submitted_by = ?", member))
                    .as("initiatives stored").isEqualTo(1);

            Response withdrawal = given().header("Authorization", token)
                    .post("/api/v1/initiatives/" + id + "/withdraw");
            assertThat(withdrawal.statusCode()).as("%s", withdrawal.asString()).isGreaterThanOrEqualTo(500);
            assertThat(count("select count(*) from initiative where id = ?::uuid and status = 'SUBMITTED'", id))
                    .as("still submitted").isEqualTo(1);
        } finally {
            execute("alter table audit_entry drop constraint " + constraint);
        }
        given().header("Authorization", token).post("/api/v1/initiatives/" + id + "/withdraw").then().statusCode(200);
    }

    private static Response create(String token, UUID unit, String member, String idempotencyKey) {
        var request = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Replica.initiative(unit, member));
        return (idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey))
                .post("/api/v1/initiatives");
    }

    private long entries(String actor, String method, String path) throws SQLException {
        return count("select count(*) from audit_entry where actor = ? and method = ? and path = ?", actor, method,
                path);
    }

    private long count(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
