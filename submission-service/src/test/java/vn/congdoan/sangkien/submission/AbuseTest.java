package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.Replica.Province;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.localstack.JavaNames;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * The abuse cases of the security review, one test each: how an attacker with tokens signed by the identity provider
 * (or none) tried to read confidential content, change what they may not, inflate the standings or exhaust the
 * service, and what they get now.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class AbuseTest {

    @Inject
    OrgUnitReplicaRepository replicas;

    /** Finding 1: the author filter and its cursor tell nobody who wrote a confidential initiative. */
    @Test
    void theAuthorFilterAndItsCursorRevealNoConfidentialAuthorship() {
        Province p = Replica.province(replicas);
        String member = "m-secret-" + UUID.randomUUID();
        String author = Tokens.bearer(Roles.MEMBER, p.unit().toString(), member);
        create(author, p.unit(), member, "CONFIDENTIAL", true);
        create(author, p.unit(), member, "CONFIDENTIAL", true);

        for (String caller : List.of("", Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-colleague"),
                Tokens.bearer(Roles.UNIT_ADMIN, p.id().toString(), "m-admin"))) {
            for (int limit : List.of(1, 50)) {
                JsonPath page = (caller.isEmpty() ? given() : given().header("Authorization", caller))
                        .queryParam("author", member).queryParam("limit", limit)
                        .get("/api/v1/initiatives").then().statusCode(200).extract().jsonPath();
                assertThat(page.getList("items")).as("items for %s, limit %d", caller.isEmpty() ? "anonymous" : caller,
                        limit).isEmpty();
                assertThat(page.getString("nextCursor")).as("cursor, limit %d", limit).isNull();
            }
        }
        // the author pages through both, one at a time
        JsonPath first = given().header("Authorization", author).queryParam("author", member).queryParam("limit", 1)
                .get("/api/v1/initiatives").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(1);
        JsonPath second = given().header("Authorization", author).queryParam("author", member).queryParam("limit", 1)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/initiatives").then()
                .statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getString("nextCursor")).isNull();
    }

    /** Finding 2: an anonymous write is refused before its body is read, whatever size it declares. */
    @Test
    void anAnonymousWriteIsAnsweredBeforeItsBodyArrives() throws IOException {
        String answer = sendHeadOnly("POST", "/api/v1/initiatives", null, 15_000_000);
        assertThat(answer).startsWith("HTTP/1.1 401").contains("application/problem+json");
        answer = sendHeadOnly("POST", "/api/v1/initiatives/import?province=42", null, 15_000_000);
        assertThat(answer).startsWith("HTTP/1.1 401");
        answer = sendHeadOnly("PUT", "/api/v1/initiatives/" + UUID.randomUUID() + "/reviewers",
                "Bearer not.a.token", 15_000_000);
        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    /** Finding 2: bodies are small except those of bulk imports, and a body that stalls is given up. */
    @Test
    void bodiesAreSmallExceptImportsAndAStalledBodyIsGivenUp() throws IOException {
        Province p = Replica.province(replicas);
        String member = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-big");
        String big = "x".repeat(300 * 1024);
        given().header("Authorization", member).contentType(ContentType.JSON)
                .body(body(p.unit(), "m-big", "PUBLIC", true).replace("\"problem\":\"Vấn đề\"",
                        "\"problem\":\"" + big + "\""))
                .post("/api/v1/initiatives").then()
                .statusCode(413).contentType("application/problem+json").body("field", equalTo("body"));
        // an import of the same size is read
        String it = Tokens.bearer(Roles.PROVINCE_INTEGRATION, p.id().toString(), "it-big");
        given().header("Authorization", it).contentType(ContentType.JSON).queryParam("province", p.code())
                .body("[" + importRow("BIG-1", p.unit(), "PUBLIC").replace("\"problem\":\"Vấn đề\"",
                        "\"problem\":\"" + big + "\"") + "]")
                .post("/api/v1/initiatives/import").then().statusCode(200);

        // an import whose body stops arriving is given up, with a 400 or its connection closed, not a thread held
        long started = System.nanoTime();
        String answer = sendHeadOnly("POST", "/api/v1/initiatives/import?province=" + p.code(), it, 200_000);
        assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEqualTo("closed"),
                a -> assertThat(a).startsWith("HTTP/1.1 400").contains("could not be read to its end"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    /** Finding 3: a unit administrator neither assigns themselves nor decides a review. */
    @Test
    void aUnitAdminCannotMakeThemselvesReviewerNorDecide() {
        Province p = Replica.province(replicas);
        String author = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-author");
        String admin = Tokens.bearer(Roles.UNIT_ADMIN, p.id().toString(), "m-admin");
        String id = create(author, p.unit(), "m-author", "CONFIDENTIAL", true);

        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"memberIds\":[\"m-admin\"]}")
                .put("/api/v1/initiatives/" + id + "/reviewers").then()
                .statusCode(422).body("field", equalTo("memberIds")).body("problem", nullValue());
        given().header("Authorization", admin).get("/api/v1/initiatives/" + id).then().body("problem", nullValue());

        // whoever assigns the council does not decide, not even as a reviewer
        String adminReviewer = Tokens.custom(Roles.UNIT_ADMIN, p.id().toString(), "m-chair",
                c -> c.setStringListClaim("roles", Roles.UNIT_ADMIN, Roles.REVIEWER));
        given().header("Authorization", adminReviewer).contentType(ContentType.JSON)
                .body("{\"memberIds\":[\"m-council\"]}").put("/api/v1/initiatives/" + id + "/reviewers").then()
                .statusCode(200);
        given().header("Authorization", admin).post("/api/v1/initiatives/" + id + "/review/start").then()
                .statusCode(200);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(review("RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then().statusCode(403);
        given().header("Authorization", adminReviewer).contentType(ContentType.JSON).body(review("RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then().statusCode(403);
        given().get("/api/v1/initiatives/" + id).then().body("status", equalTo("UNDER_REVIEW"));
        // the council member assigned by someone else decides
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-council"))
                .contentType(ContentType.JSON).body(review("RECOGNIZED"))
                .post("/api/v1/initiatives/" + id + "/review").then().statusCode(200)
                .body("status", equalTo("RECOGNIZED"));
    }

    /** Finding 4: an import neither lowers the visibility nor replaces the authors of content it may not read. */
    @Test
    void anImportCannotOpenNorTakeOverConfidentialContent() {
        Province p = Replica.province(replicas);
        String it = Tokens.bearer(Roles.PROVINCE_INTEGRATION, p.id().toString(), "it-" + p.code());
        String ref = "SECRET-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = importRows(it, p, "[" + importRow(ref, p.unit(), "CONFIDENTIAL") + "]");
        assertThat(created.getString("results[0].status")).isEqualTo("CREATED");
        String id = created.getString("results[0].id");

        String opened = importRow(ref, p.unit(), "PUBLIC").replace("\"problem\":\"Vấn đề\"", "\"problem\":\"\"")
                .replace("\"solution\":\"Giải pháp\"", "\"solution\":\"\"")
                .replace("\"expectedBenefit\":\"Lợi ích\"", "\"expectedBenefit\":\"\"")
                .replace(",\"authors\":[{\"memberId\":\"m-imp\",\"displayName\":\"Tác giả\"}]", "");
        JsonPath report = importRows(it, p, "[" + opened + "]");
        assertThat(report.getString("results[0].status")).isEqualTo("REJECTED");
        assertThat(report.getString("results[0].errors[0].field")).isEqualTo("visibility");

        String takenOver = importRow(ref, p.unit(), "CONFIDENTIAL").replace("m-imp", "m-thief");
        report = importRows(it, p, "[" + takenOver + "]");
        assertThat(report.getString("results[0].status")).isEqualTo("REJECTED");
        assertThat(report.getString("results[0].errors[0].field")).isEqualTo("authors");

        given().get("/api/v1/initiatives/" + id).then().body("visibility", equalTo("CONFIDENTIAL"))
                .body("problem", nullValue());
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-imp"))
                .get("/api/v1/initiatives/" + id).then().body("problem", equalTo("Vấn đề"));
    }

    /** Finding 6: the member is the token's subject, not a name it also carries. */
    @Test
    void theMemberIsTheSubjectNotTheUsername() {
        Province p = Replica.province(replicas);
        String author = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-named");
        String id = create(author, p.unit(), "m-named", "CONFIDENTIAL", true);
        String impostor = Tokens.custom(Roles.MEMBER, p.unit().toString(), "m-impostor", c -> {
            c.setClaim("upn", "m-named");
            c.setClaim("preferred_username", "m-named");
        });
        given().header("Authorization", impostor).get("/api/v1/initiatives/" + id).then()
                .statusCode(200).body("problem", nullValue());
        given().header("Authorization", impostor).post("/api/v1/initiatives/" + id + "/withdraw").then()
                .statusCode(403);
    }

    /** Finding 7: the write limit belongs to the caller, however the header is spelt. */
    @Test
    void theWriteLimitFollowsTheCallerNotTheHeaderText() {
        String token = Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-flood-" + UUID.randomUUID())
                .substring("Bearer ".length());
        int status = 0;
        for (int i = 0; i < 2_000 && status != 429; i++) {
            status = given().header("Authorization", "Bearer " + token)
                    .post("/api/v1/initiatives/" + UUID.randomUUID() + "/withdraw").statusCode();
        }
        assertThat(status).as("the bucket runs dry").isEqualTo(429);
        // the same caller, spelling the scheme otherwise, draws on the same bucket: under test it refills one write
        // every 200 ms, so of fifty writes sent at once most are refused (a bucket of its own would grant them all)
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            refused += given().header("Authorization", "bearer " + token)
                    .post("/api/v1/initiatives/" + UUID.randomUUID() + "/withdraw").statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).isPositive();
    }

    /** Finding 9: co-authors a member names do not count until they confirm. */
    @Test
    void invented_coAuthorsDoNotCountAsSubmitters() {
        Province p = Replica.province(replicas);
        String member = "m-real-" + UUID.randomUUID().toString().substring(0, 8);
        String authors = IntStream.range(0, 19)
                .mapToObj(i -> "{\"memberId\":\"m-ghost-" + i + "\",\"displayName\":\"Ma " + i + "\"}")
                .collect(Collectors.joining(",", "[{\"memberId\":\"" + member + "\",\"displayName\":\"Thật\"},", "]"));
        String id = given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), member))
                .contentType(ContentType.JSON)
                .body(body(p.unit(), member, "PUBLIC", true).replaceFirst("\"authors\":\\[[^]]*]",
                        "\"authors\":" + authors))
                .post("/api/v1/initiatives").then().statusCode(201).extract().path("id");
        InitiativeEvent event = EventJson.read(TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id), Duration.ofSeconds(20)).get(0).value(), InitiativeEvent.class);
        assertThat(event.authorIds()).containsExactly(member);
    }

    /** Property level: a body cannot set what the service decides (a status, a confirmation), nor misspell a field. */
    @Test
    void propertiesARequestDoesNotHaveAreRefusedNotIgnored() {
        Province p = Replica.province(replicas);
        String member = "m-mass-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Tokens.bearer(Roles.MEMBER, p.unit().toString(), member);
        String valid = body(p.unit(), member, "PUBLIC", true);
        for (String[] smuggled : List.of(
                new String[] {valid.replace("\"title\"", "\"titel\""), "titel"},
                new String[] {valid.replace("\"submit\"", "\"status\":\"RECOGNIZED\",\"submit\""), "status"},
                new String[] {valid.replace("\"displayName\":\"Tác giả\"}", "\"displayName\":\"Tác giả\","
                        + "\"confirmed\":true},{\"memberId\":\"m-ghost\",\"displayName\":\"Ma\",\"confirmed\":true}"),
                        "authors[0].confirmed"})) {
            given().header("Authorization", token).contentType(ContentType.JSON).body(smuggled[0])
                    .post("/api/v1/initiatives").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(smuggled[1]));
        }
        given().header("Authorization", token).get("/api/v1/initiatives/mine").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    /** Low: a CSV export opened in a spreadsheet runs no formula, and imports back unchanged. */
    @Test
    void exportedCellsNeverStartAFormula() {
        Province p = Replica.province(replicas);
        String it = Tokens.bearer(Roles.PROVINCE_INTEGRATION, p.id().toString(), "it-" + p.code());
        importRows(it, p, "[" + importRow("F-1", p.unit(), "PUBLIC").replace("\"title\":\"Tiêu đề\"",
                "\"title\":\"=1+2\"")
                .replace("\"problem\":\"Vấn đề\"", "\"problem\":\"+1 lỗi\"")
                .replace("\"solution\":\"Giải pháp\"", "\"solution\":\"-giải pháp\"")
                .replace("\"expectedBenefit\":\"Lợi ích\"", "\"expectedBenefit\":\"@lợi ích\"") + "]");
        String csv = given().header("Authorization", it).queryParam("province", p.code()).queryParam("format", "csv")
                .get("/api/v1/initiatives/export").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().asString();
        assertThat(csv).contains(",\"'=1+2\",").contains(",\"'+1 lỗi\",").contains(",\"'-giải pháp\",")
                .contains(",\"'@lợi ích\",");
        JsonPath back = given().header("Authorization", it).contentType("text/csv").queryParam("province", p.code())
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/initiatives/import").then().statusCode(200)
                .extract().jsonPath();
        assertThat(back.getInt("unchanged")).isEqualTo(back.getInt("received"));
    }

    /** Low: tokens for another audience, or that live far too long, are refused. */
    @Test
    void tokensForAnotherAudienceOrOfAnEndlessLifetimeAreRefused() {
        String foreign = Tokens.custom(Roles.NATIONAL_ADMIN, "TLD", "m-foreign",
                c -> c.setAudience("another-system"));
        String endless = Tokens.custom(Roles.NATIONAL_ADMIN, "TLD", "m-endless",
                c -> c.setExpirationTimeMinutesInTheFuture(100L * 365 * 24 * 60));
        for (String token : List.of(foreign, endless)) {
            given().header("Authorization", token).get("/api/v1/initiatives/mine").then().statusCode(401);
        }
    }

    /** Low: answers say what they are, and private ones are not kept by caches. */
    @Test
    void answersCarrySecurityHeaders() {
        Province p = Replica.province(replicas);
        String author = Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-hdr");
        String id = create(author, p.unit(), "m-hdr", "CONFIDENTIAL", true);
        given().header("Authorization", author).get("/api/v1/initiatives/" + id).then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"));
        given().get("/api/v1/initiatives/" + id).then().header("X-Content-Type-Options", "nosniff");
    }

    /** Low: no answer names a Java class, package or library internal. */
    @Test
    void badInputNeverShowsJavaInternals() {
        String member = Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), "m-bad");
        List<String> answers = new ArrayList<>();
        answers.add(given().header("Authorization", member).contentType(ContentType.JSON)
                .body("{\"unitId\":\"not-a-uuid\"}").post("/api/v1/initiatives").asString());
        answers.add(given().header("Authorization", member).contentType(ContentType.JSON)
                .body("{\"field\":\"ASTROLOGY\"}").post("/api/v1/initiatives").asString());
        answers.add(given().header("Authorization", member).contentType(ContentType.JSON)
                .body("[".repeat(1_200) + "]".repeat(1_200)).post("/api/v1/initiatives").asString());
        answers.add(given().header("Authorization", member).contentType(ContentType.JSON)
                .body("{\"attachments\":[{\"size\":1e999999}]}").post("/api/v1/initiatives").asString());
        answers.add(given().get("/api/v1/initiatives?unit=not-a-uuid").asString());
        answers.add(given().get("/api/v1/initiatives/not-a-uuid").asString());
        answers.add(given().get("/api/v1/initiatives?limit=" + "9".repeat(40)).asString());
        assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContainPattern(JavaNames.PATTERN));
    }

    /** Low: refused attempts leave a trace in the audit log. */
    @Test
    void refusedAttemptsAreAudited() {
        String outsider = "m-probe-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, UUID.randomUUID().toString(), outsider))
                .get("/api/v1/audit").then().statusCode(403);
        String admin = Tokens.bearer(Roles.NATIONAL_ADMIN, "TLD", "m-auditor");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given()
                .header("Authorization", admin).queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.actor == '" + outsider + "' }.status"))
                .contains(403));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Sends a request's head and the first kilobyte of a body it declares to be {@code length} bytes long.
     *
     * @return the start of the answer, {@code closed} when the service closed the connection without one
     */
    static String sendHeadOnly(String method, String path, String authorization, long length) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: " + length + "\r\n\r\n[{\"title\":\"" + "a".repeat(1_000))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4_096];
            try {
                int n = in.read(buffer);
                return n < 0 ? "closed" : new String(buffer, 0, n, StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                return "no answer within 15 s";
            }
        }
    }

    private static String create(String token, UUID unit, String author, String visibility, boolean submit) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(body(unit, author, visibility, submit)).post("/api/v1/initiatives").then().statusCode(201)
                .extract().path("id");
    }

    private static String body(UUID unit, String author, String visibility, boolean submit) {
        return """
                {"programmeCode":"1-trieu-sang-kien","title":"Sáng kiến","problem":"Vấn đề","solution":"Giải pháp",
                 "expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s","visibility":"%s",
                 "authors":[{"memberId":"%s","displayName":"Tác giả"}],"submit":%s}"""
                .formatted(unit, visibility, author, submit);
    }

    private static String importRow(String ref, UUID unit, String visibility) {
        return ("{\"externalRef\":\"%s\",\"programmeCode\":\"1-trieu-sang-kien\",\"title\":\"Tiêu đề\","
                + "\"problem\":\"Vấn đề\",\"solution\":\"Giải pháp\",\"expectedBenefit\":\"Lợi ích\","
                + "\"field\":\"OTHER\",\"unitId\":\"%s\",\"visibility\":\"%s\","
                + "\"authors\":[{\"memberId\":\"m-imp\",\"displayName\":\"Tác giả\"}],\"submit\":true}")
                .formatted(ref, unit, visibility);
    }

    private static JsonPath importRows(String token, Province p, String json) {
        return given().header("Authorization", token).contentType(ContentType.JSON).queryParam("province", p.code())
                .body(json).post("/api/v1/initiatives/import").then().statusCode(200).extract().jsonPath();
    }

    private static String review(String decision) {
        return "{\"novelty\":7,\"feasibility\":8,\"effectiveness\":6,\"decision\":\"" + decision
                + "\",\"estimatedBenefitVnd\":1000}";
    }
}
