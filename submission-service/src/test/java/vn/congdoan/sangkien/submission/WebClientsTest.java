package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * What web and mobile clients rely on: a browser on an allowed origin may call the API, problems say what is wrong in
 * Vietnamese or English with a type a program can act on, authors edit and delete their drafts, and every value has
 * a label to show.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class WebClientsTest {

    /** Allowed in the test profile (CORS_ORIGINS). */
    private static final String ALLOWED = "https://sangkien.example.vn";

    @Inject
    OrgUnitReplicaRepository replicas;

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndOneFromAnotherIsRefused() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/initiatives").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        given().header("Origin", ALLOWED).get("/api/v1/initiatives/labels").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));

        given().header("Origin", "https://lua-dao.example.com").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/initiatives").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aProblemIsInVietnameseForAcceptLanguageViAndInEnglishOtherwise() {
        String body = initiative(UUID.randomUUID(), false).replace("\"Sáng kiến nháp\"", "\"" + "x".repeat(301) + "\"");
        String admin = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD");
        given().header("Authorization", admin).header("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5")
                .contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:sangkien:problem:invalid-request"))
                .body("title", equalTo("Yêu cầu không hợp lệ"))
                .body("field", equalTo("title"))
                .body("detail", equalTo("title: độ dài phải từ 0 đến 300"))
                .body("limits.max", equalTo(300));
        given().header("Authorization", admin).header("Accept-Language", "fr")
                .contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then()
                .statusCode(400)
                .body("title", equalTo("Invalid request"))
                .body("detail", equalTo("title: size must be between 0 and 300"));

        given().header("Authorization", admin).header("Accept-Language", "vi").contentType(ContentType.JSON)
                .body(initiative(UUID.randomUUID(), false).replace("\"OTHER\"", "\"ASTROLOGY\""))
                .post("/api/v1/initiatives").then()
                .statusCode(400)
                .body("type", equalTo("urn:sangkien:problem:malformed-json"))
                .body("field", equalTo("field"))
                .body("detail", containsString("phải là một trong"))
                .body("allowed", hasItem("HEALTHCARE"));
        given().header("Accept-Language", "vi").get("/api/v1/initiatives/" + UUID.randomUUID()).then()
                .statusCode(404)
                .body("type", equalTo("urn:sangkien:problem:not-found"))
                .body("title", equalTo("Không tìm thấy"))
                .body("detail", containsString("không tồn tại"));
    }

    @Test
    void authorsEditADraftAtTheVersionTheyReadAndDeleteIt() {
        UUID unit = publishGrassroots();
        String author = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-draft");
        String id = create(author, unit, false);
        String etag = given().get("/api/v1/initiatives/" + id).then().statusCode(200).extract().header("ETag");
        String edit = """
                {"title":"Sáng kiến đã sửa","problem":"Vấn đề rõ hơn","solution":"Giải pháp","expectedBenefit":"Lợi ích",
                 "field":"HEALTHCARE"}""";

        given().header("Authorization", author).contentType(ContentType.JSON).body(edit)
                .put("/api/v1/initiatives/" + id).then()
                .statusCode(428).body("type", equalTo("urn:sangkien:problem:precondition-required"));
        String edited = given().header("Authorization", author).header("If-Match", etag)
                .contentType(ContentType.JSON).body(edit).put("/api/v1/initiatives/" + id).then()
                .statusCode(200).body("title", equalTo("Sáng kiến đã sửa")).body("field", equalTo("HEALTHCARE"))
                .extract().header("ETag");
        given().header("Authorization", author).header("If-Match", etag).contentType(ContentType.JSON)
                .body(edit.replace("đã sửa", "sửa lần nữa")).put("/api/v1/initiatives/" + id).then()
                .statusCode(412).body("type", equalTo("urn:sangkien:problem:precondition-failed"))
                .body("field", equalTo("If-Match"));
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, unit.toString(), "m-stranger"))
                .header("If-Match", edited).contentType(ContentType.JSON).body(edit)
                .put("/api/v1/initiatives/" + id).then().statusCode(403);

        given().header("Authorization", author).delete("/api/v1/initiatives/" + id).then().statusCode(204);
        given().get("/api/v1/initiatives/" + id).then().statusCode(404);
        given().header("Authorization", author).get("/api/v1/initiatives/mine").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        assertThat(TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id) && r.value().contains("InitiativeDeleted"), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    @Test
    void aSubmittedInitiativeIsEditedUntilItsReviewStartsAndIsWithdrawnRatherThanDeleted() {
        UUID unit = publishGrassroots();
        String author = Tokens.bearer(Roles.MEMBER, unit.toString(), "m-sub");
        String id = create(author, unit, true);
        given().header("Authorization", author).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body("""
                        {"title":"Đã gửi, sửa tiêu đề","problem":"p","solution":"s","expectedBenefit":"b","field":"OTHER",
                         "authors":[{"memberId":"m-sub","displayName":"Tác giả"},{"memberId":"m-co","displayName":"Đồng tác giả"}]}""")
                .put("/api/v1/initiatives/" + id).then()
                .statusCode(200).body("authors[0].confirmed", equalTo(true)).body("authors[1].confirmed", equalTo(false));
        given().header("Authorization", author).delete("/api/v1/initiatives/" + id).then()
                .statusCode(409).body("type", equalTo("urn:sangkien:problem:invalid-transition"))
                .body("allowed", hasItem("DRAFT"));
    }

    @Test
    void everyFieldStatusAndVisibilityHasAVietnameseLabel() {
        given().get("/api/v1/initiatives/labels").then()
                .statusCode(200)
                .body("field.find { it.value == 'HEALTHCARE' }.vi", equalTo("Y tế"))
                .body("status.find { it.value == 'UNDER_REVIEW' }.vi", equalTo("Đang đánh giá"))
                .body("visibility.find { it.value == 'CONFIDENTIAL' }.en", equalTo("Confidential"));
    }

    private UUID publishGrassroots() {
        UUID id = UUID.randomUUID();
        UUID province = UUID.randomUUID();
        OrgUnitState state = new OrgUnitState(id, "WC-" + id.toString().substring(0, 8), "Công đoàn cơ sở thử web",
                OrgUnitType.GRASSROOTS, province, province, 50, null, LocalDate.of(2020, 1, 1), null, null, 0);
        Replica.publish(replicas, state);
        return id;
    }

    private static String create(String author, UUID unit, boolean submit) {
        return given().header("Authorization", author).contentType(ContentType.JSON).body(initiative(unit, submit))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
    }

    private static String initiative(UUID unit, boolean submit) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến nháp","problem":"Vấn đề","solution":"Giải pháp",
                 "expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s",
                 "authors":[{"memberId":"%s","displayName":"Tác giả"}],"submit":%s}
                """.formatted(unit, submit ? "m-sub" : "m-draft", submit);
    }
}
