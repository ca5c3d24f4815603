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
        Member member = member("m-audited-");

        String id = create(member, null).then().statusCode(201).extract().path("id");
        assertThat(entries(member.id(), "POST", "/api/v1/initiatives")).as("entry of the creation").isEqualTo(1);

        create(member, "audited-" + UUID.randomUUID()).then().statusCode(201);
        assertThat(entries(member.id(), "POST", "/api/v1/initiatives")).as("with an Idempotency-Key").isEqualTo(2);

        withdraw(member, id).then().statusCode(200);
        assertThat(entries(member.id(), "POST", "/api/v1/initiatives/" + id + "/withdraw"))
                .as("entry of the withdrawal").isEqualTo(1);
    }

    @Test
    void aChangeWhoseEntryCannotBeWrittenIsNotMade() throws SQLException {
        Member member = member("m-unaudited-");
        String id = create(member, null).then().statusCode(201).extract().path("id");
        String constraint = "audit_refuses_" + member.id().substring(member.id().length() - 12);
        execute("alter table audit_entry add constraint " + constraint + " check (actor <> '" + member.id()
                + "') not valid");
        try {
            Response alone = create(member, null);
            assertThat(alone.statusCode()).as("%s", alone.asString()).isGreaterThanOrEqualTo(500);
            Response keyed = create(member, "unaudited-" + UUID.randomUUID());
            assertThat(keyed.statusCode()).as("%s", keyed.asString()).isGreaterThanOrEqualTo(500);
            assertThat(count("select count(*) from initiative where submitted_by = ?", member.id()))
                    .as("initiatives stored").isEqualTo(1);

            Response withdrawal = withdraw(member, id);
            assertThat(withdrawal.statusCode()).as("%s", withdrawal.asString()).isGreaterThanOrEqualTo(500);
            assertThat(count("select count(*) from initiative where id = ?::uuid and status = 'SUBMITTED'", id))
                    .as("still submitted").isEqualTo(1);
        } finally {
            execute("alter table audit_entry drop constraint " + constraint);
        }
        withdraw(member, id).then().statusCode(200);
    }

    /** A member of a grassroots union of a province of their own, signed in. */
    private record Member(String id, UUID unit, String token) {
    }

    private Member member(String prefix) {
        UUID unit = Replica.province(replicas).unit();
        String id = prefix + UUID.randomUUID();
        return new Member(id, unit, Tokens.bearer(Roles.MEMBER, unit.toString(), id));
    }

    private static Response create(Member member, String idempotencyKey) {
        var request = given().header("Authorization", member.token()).contentType(ContentType.JSON)
                .body(Replica.initiative(member.unit(), member.id()));
        return (idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey))
                .post("/api/v1/initiatives");
    }

    private static Response withdraw(Member member, String id) {
        return given().header("Authorization", member.token()).post("/api/v1/initiatives/" + id + "/withdraw");
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
