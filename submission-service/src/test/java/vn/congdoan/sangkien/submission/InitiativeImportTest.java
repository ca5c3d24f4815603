package vn.congdoan.sangkien.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.submission.repository.OrgUnitReplicaRepository;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;
import vn.congdoan.sangkien.testsupport.Tokens;
import vn.congdoan.sangkien.testsupport.TopicProbe;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
@WithTestResource(KafkaResource.class)
class InitiativeImportTest {

    private static final String HEADER = "externalRef,programmeCode,title,problem,solution,expectedBenefit,field,"
            + "unitId,visibility,authors,submit\n";

    @Inject
    OrgUnitReplicaRepository replicas;

    @Inject
    EntityManager em;

    /** A province with one grassroots union, and a provincial IT system holding the province's role. */
    record Province(UUID id, String code, UUID unit, String it) {
    }

    @Test
    void eachRowIsCreatedOrRejectedOnItsOwnAndBadRowsWriteNothing() {
        Province p = province();
        Province other = province();
        String rows = "[" + String.join(",",
                row("ok-1", p.unit(), "Giảm thời gian chờ khám", true),
                row("bad-field", p.unit(), "Lĩnh vực sai", true).replace("\"OTHER\"", "\"ASTROLOGY\""),
                row("no-title", p.unit(), "", true),
                row("elsewhere", other.unit(), "Đơn vị tỉnh khác", true),
                row("", p.unit(), "Không có mã", true),
                row("ok-1", p.unit(), "Trùng mã trong tệp", true),
                row("ok-2", p.unit(), "Bản nháp", false),
                row("bad-author", p.unit(), "Tác giả thiếu tên", true).replace("\"Tác giả\"", "\"\"")) + "]";

        JsonPath report = importJson(p, rows).statusCode(200).extract().jsonPath();

        assertThat(report.getInt("received")).isEqualTo(8);
        assertThat(report.getInt("created")).isEqualTo(2);
        assertThat(report.getInt("rejected")).isEqualTo(6);
        assertThat(report.getList("results.status")).containsExactly("CREATED", "REJECTED", "REJECTED", "REJECTED",
                "REJECTED", "REJECTED", "CREATED", "REJECTED");
        assertThat(report.getList("results.row")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(report.getString("results[1].errors[0].field")).isEqualTo("field");
        assertThat(report.getString("results[2].errors[0].field")).isEqualTo("title");
        assertThat(report.getString("results[3].errors[0].field")).isEqualTo("unitId");
        assertThat(report.getString("results[4].errors[0].field")).isEqualTo("externalRef");
        assertThat(report.getString("results[5].errors[0].detail")).isEqualTo("appears already in row 1");
        assertThat(report.getString("results[7].errors[0].field")).isEqualTo("authors[0].displayName");

        List<String> stored = given().header("Authorization", p.it()).queryParam("province", p.id().toString())
                .get("/api/v1/initiatives").then().statusCode(200).extract().jsonPath().getList("items.externalRef");
        assertThat(stored).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(given().queryParam("province", other.id().toString()).get("/api/v1/initiatives").then()
                .extract().jsonPath().getList("items")).isEmpty();

        String id = report.getString("results[0].id");
        InitiativeEvent event = EventJson.read(TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(id), Duration.ofSeconds(20)).get(0).value(), InitiativeEvent.class);
        assertThat(event.type()).isEqualTo(InitiativeEvent.Type.SUBMITTED);
        assertThat(event.provinceId()).isEqualTo(p.id());
        given().get("/api/v1/initiatives/" + report.getString("results[6].id")).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void sendingTheSameRowsAgainChangesNothingAndChangedRowsUpdateInPlace() {
        Province p = province();
        String rows = "[" + row("r-1", p.unit(), "Tiết kiệm điện", false) + ","
                + row("r-2", p.unit(), "Tiết kiệm nước", true) + "]";
        JsonPath first = importJson(p, rows).statusCode(200).body("created", equalTo(2)).extract().jsonPath();
        String draft = first.getString("results[0].id");
        String submitted = first.getString("results[1].id");

        long before = OutboxProbe.lastId(em);
        importJson(p, rows).statusCode(200).body("unchanged", equalTo(2)).body("results.id", equalTo(List.of(draft,
                submitted)));
        assertThat(OutboxProbe.lastId(em)).as("no event for unchanged rows").isEqualTo(before);

        String changed = "[" + row("r-1", p.unit(), "Tiết kiệm điện", true) + ","
                + row("r-2", p.unit(), "Tiết kiệm nước sạch", true) + "]";
        importJson(p, changed).statusCode(200).body("updated", equalTo(2))
                .body("results.id", equalTo(List.of(draft, submitted)));
        given().get("/api/v1/initiatives/" + draft).then().body("status", equalTo("SUBMITTED"));
        given().get("/api/v1/initiatives/" + submitted).then().body("title", equalTo("Tiết kiệm nước sạch"))
                .body("version", equalTo(1));
        var updates = TopicProbe.awaitRecords(Topics.INITIATIVE_EVENTS,
                r -> r.value().contains(submitted) && r.value().contains("\"InitiativeUpdated\""), Duration.ofSeconds(20));
        assertThat(EventJson.read(updates.get(0).value(), InitiativeEvent.class).version()).isEqualTo(1);

        // a row never takes a submission back
        importJson(p, "[" + row("r-2", p.unit(), "Tiết kiệm nước sạch", false) + "]").statusCode(200)
                .body("unchanged", equalTo(1));
        given().get("/api/v1/initiatives/" + submitted).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void anImportTheDatabaseCutsOffIsA503AndSendingItAgainWritesEachRowOnce() {
        Province p = province();
        String rows = "[" + row("cut-1", p.unit(), "Tiết kiệm điện", true) + ","
                + row("cut-2", p.unit(), "Tiết kiệm nước", true) + "]";
        // Every connection that writes an initiative of this unit dies: PostgreSQL stopping under the import.
        String trigger = "cut_" + p.unit().toString().replace("-", "");
        nativeUpdate("create function " + trigger + "() returns trigger language plpgsql as $$"
                + " begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$");
        nativeUpdate("create trigger " + trigger + " before insert on initiative for each row"
                + " when (new.unit_id = '" + p.unit() + "') execute function " + trigger + "()");
        try {
            importJson(p, rows).statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"));
        } finally {
            nativeUpdate("drop trigger " + trigger + " on initiative");
            nativeUpdate("drop function " + trigger + "()");
        }

        importJson(p, rows).statusCode(200).body("created", equalTo(2)).body("rejected", equalTo(0));
        importJson(p, rows).statusCode(200).body("unchanged", equalTo(2));
    }

    @Test
    void anAuthorListedTwiceIsARejectedRowAsInTheApi() {
        Province p = province();
        String twice = row("twice", p.unit(), "Tác giả hai lần", true).replace(
                "[{\"memberId\":\"m-imp\",\"displayName\":\"Tác giả\"}]",
                "[{\"memberId\":\"m-imp\",\"displayName\":\"Tác giả\"},{\"memberId\":\"m-imp\",\"displayName\":\"Tác giả\"}]");

        importJson(p, "[" + twice + "]").statusCode(200).body("rejected", equalTo(1))
                .body("results[0].errors[0].field", equalTo("authors"));
    }

    private void nativeUpdate(String sql) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    @Test
    void externalRefIsUniquePerProvinceOnly() {
        Province a = province();
        Province b = province();
        String idA = importJson(a, "[" + row("HS-2022-001", a.unit(), "Ở tỉnh A", true) + "]").statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");
        String idB = importJson(b, "[" + row("HS-2022-001", b.unit(), "Ở tỉnh B", true) + "]").statusCode(200)
                .body("created", equalTo(1)).extract().path("results[0].id");
        assertThat(idB).isNotEqualTo(idA);
        importJson(a, "[" + row("HS-2022-001", a.unit(), "Ở tỉnh A, sửa", true) + "]").statusCode(200)
                .body("updated", equalTo(1)).body("results[0].id", equalTo(idA));
        given().get("/api/v1/initiatives/" + idB).then().body("title", equalTo("Ở tỉnh B"));
    }

    @Test
    void aProvincesApiKeyImportsAndExportsThatProvinceOnly() {
        Province p = province();
        Province other = province();
        String presented = Replica.apiKey(em, p.id()).presented();

        given().header("X-API-Key", presented).queryParam("province", p.code()).contentType(ContentType.JSON)
                .body(("[" + row("K-1", p.unit(), "Qua khóa API", true) + "]").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/initiatives/import").then().statusCode(200).body("created", equalTo(1));
        given().header("X-API-Key", presented).queryParam("province", p.code()).queryParam("format", "json")
                .get("/api/v1/initiatives/export").then().statusCode(200).body("externalRef", equalTo(List.of("K-1")));
        given().header("X-API-Key", presented).queryParam("province", other.code()).contentType(ContentType.JSON)
                .body("[]").post("/api/v1/initiatives/import").then().statusCode(403);
        given().header("X-API-Key", presented).queryParam("province", other.code())
                .get("/api/v1/initiatives/export").then().statusCode(403);
    }

    @Test
    void csvWithVietnameseTextIsReadAsUtf8() {
        Province p = province();
        String csv = HEADER
                + "NA-001,1-trieu-sang-kien,\"Cải tiến dây chuyền may, giảm 15% thời gian\",Công nhân phải chờ,"
                + "Sắp xếp lại trạm,Tiết kiệm 200 triệu đồng/năm,PRODUCTION_TECHNICAL," + p.unit()
                + ",PUBLIC,m-101:Nguyễn Văn Ân|m-102:Trần Thị Bích Ngọc,true\n"
                + "NA-002,1-trieu-sang-kien,Thiếu lĩnh vực,a,b,c,,"+ p.unit() + ",PUBLIC,m-103:Lê Đức,true\n";

        JsonPath report = importCsv(p, csv).statusCode(200).extract().jsonPath();

        assertThat(report.getList("results.status")).containsExactly("CREATED", "REJECTED");
        assertThat(report.getString("results[1].errors[0].field")).isEqualTo("field");
        given().get("/api/v1/initiatives/" + report.getString("results[0].id")).then().statusCode(200)
                .body("title", equalTo("Cải tiến dây chuyền may, giảm 15% thời gian"))
                .body("status", equalTo("SUBMITTED"))
                .body("authors[1].memberId", equalTo("m-102"))
                .body("authors[1].displayName", equalTo("Trần Thị Bích Ngọc"));
    }

    @Test
    void malformedOrOversizedFilesAreRefusedWhole() {
        Province p = province();
        importCsv(p, HEADER + "X-1,1-trieu-sang-kien,\"never closed,a,b,c,OTHER," + p.unit() + ",PUBLIC,m:n,true\n")
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        importCsv(p, "code,name\nX-1,Thiếu cột\n").statusCode(400).body("field", equalTo("header"));
        given().header("Authorization", p.it()).queryParam("province", p.code()).contentType("text/csv")
                .body(new byte[] { 'e', 'x', 't', (byte) 0xC3, (byte) 0x28 })
                .post("/api/v1/initiatives/import").then().statusCode(400).body("field", equalTo("body"));
        importJson(p, "{\"not\":\"an array\"}").statusCode(400).body("field", equalTo("body"));
        importJson(p, "[{\"externalRef\":").statusCode(400);

        String tooMany = "[" + String.join(",", Collections.nCopies(5_001, "{}")) + "]";
        importJson(p, tooMany).statusCode(422).contentType("application/problem+json").body("field", equalTo("rows"));
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5_001; i++) {
            csv.append("T-").append(i).append(",1-trieu-sang-kien,t,p,s,b,OTHER,").append(p.unit())
                    .append(",PUBLIC,m:n,false\n");
        }
        importCsv(p, csv.toString()).statusCode(422).body("field", equalTo("rows"));
        assertThat(given().queryParam("province", p.id().toString()).get("/api/v1/initiatives").then()
                .extract().jsonPath().getList("items")).isEmpty();

        given().header("Authorization", p.it()).queryParam("province", "99-no-such").contentType(ContentType.JSON)
                .body("[]").post("/api/v1/initiatives/import").then().statusCode(404);
        given().header("Authorization", p.it()).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/initiatives/import").then().statusCode(400).body("field", equalTo("province"));
    }

    @Test
    void anExportImportsBackUnchanged() {
        Province p = province();
        String csv = HEADER
                + "E-1,1-trieu-sang-kien,\"Sổ tay an toàn, bản số\",Tai nạn,\"Hướng dẫn \"\"bỏ túi\"\"\",Ít sự cố,"
                + "OCCUPATIONAL_SAFETY," + p.unit() + ",PUBLIC,m-201:Phạm Thị Hương|m-202:Đỗ Văn Hải,true\n"
                + "E-2,1-trieu-sang-kien,Nội bộ,Vấn đề nội bộ,Giải pháp,Lợi ích,MANAGEMENT_ADMINISTRATION," + p.unit()
                + ",INTERNAL,m-203:Vũ Minh,false\n"
                + "E-3,1-trieu-sang-kien,Bí mật,Vấn đề mật,Giải pháp,Lợi ích,DIGITAL_TRANSFORMATION," + p.unit()
                + ",CONFIDENTIAL,m-204:Hoàng Lan,true\n";
        importCsv(p, csv).statusCode(200).body("created", equalTo(3));

        byte[] exported = given().header("Authorization", p.it()).queryParam("province", p.code())
                .queryParam("format", "csv").get("/api/v1/initiatives/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(4);
        assertThat(text).contains("Phạm Thị Hương").contains("Hướng dẫn \"\"bỏ túi\"\"").doesNotContain("Vấn đề mật");
        given().header("Authorization", p.it()).queryParam("province", p.code()).contentType("text/csv")
                .body(exported).post("/api/v1/initiatives/import").then().statusCode(200)
                .body("unchanged", equalTo(3));

        JsonPath json = given().header("Authorization", p.it()).accept(ContentType.JSON)
                .queryParam("province", p.id().toString()).get("/api/v1/initiatives/export").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        assertThat(json.getList("externalRef")).containsExactlyInAnyOrder("E-1", "E-2", "E-3");
        importJson(p, json.prettify()).statusCode(200).body("unchanged", equalTo(3));

        // the content withheld from the export is still stored
        given().header("Authorization", Tokens.bearer(Roles.MEMBER, p.unit().toString(), "m-204"))
                .queryParam("author", "m-204").get("/api/v1/initiatives").then()
                .body("items[0].problem", equalTo("Vấn đề mật"));
    }

    @Test
    void twoSystemsSendingTheSameNewRowsAtOnceCreateEachInitiativeOnce() throws Exception {
        Province p = province();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            rows.append(i == 0 ? "" : ",").append(row("RACE-" + i, p.unit(), "Cùng lúc " + i, true));
        }
        String body = rows.append("]").toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<JsonPath>> answers = pool.invokeAll(List.<Callable<JsonPath>>of(
                    () -> importJson(p, body).statusCode(200).extract().jsonPath(),
                    () -> importJson(p, body).statusCode(200).extract().jsonPath()));
            int created = 0;
            for (Future<JsonPath> answer : answers) {
                JsonPath report = answer.get();
                assertThat(report.getInt("rejected")).isZero();
                created += report.getInt("created");
            }
            assertThat(created).isEqualTo(300);
        } finally {
            pool.shutdown();
        }
        Long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from initiative where province_id = ?1").setParameter(1, p.id())
                .getSingleResult()).longValue());
        assertThat(stored).isEqualTo(300);
    }

    @Test
    void rowsWithAndWithoutAttachmentsAreStoredInOneImport() {
        Province p = province();
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String withAttachment = row("ATT-1", p.unit(), "Có bản vẽ", true).replace("\"submit\"",
                "\"attachments\":[{\"name\":\"Bản vẽ.pdf\",\"size\":1024,\"mediaType\":\"application/pdf\","
                        + "\"sha256\":\"" + sha + "\"}],\"submit\"");
        String body = "[" + row("ATT-0", p.unit(), "Không đính kèm", true) + "," + withAttachment + ","
                + row("ATT-2", p.unit(), "Cũng không", true) + "]";

        JsonPath report = importJson(p, body).statusCode(200).body("created", equalTo(3)).extract().jsonPath();

        given().header("Authorization", p.it()).get("/api/v1/initiatives/" + report.getString("results[1].id"))
                .then().statusCode(200).body("attachments[0].name", equalTo("Bản vẽ.pdf"))
                .body("attachments[0].sha256", equalTo(sha));
        given().header("Authorization", p.it()).get("/api/v1/initiatives/" + report.getString("results[0].id"))
                .then().statusCode(200).body("attachments", equalTo(List.of()));
        importJson(p, body).statusCode(200).body("unchanged", equalTo(3));
    }

    @Test
    void aFullChunkOfRowsIsImportedInOneRequest() {
        Province p = province();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            rows.append(i == 0 ? "" : ",").append(row("BULK-" + i, p.unit(), "Sáng kiến số " + i, i % 2 == 0));
        }
        rows.append("]");
        importJson(p, rows.toString()).statusCode(200).body("created", equalTo(5_000));
        importJson(p, rows.toString()).statusCode(200).body("unchanged", equalTo(5_000));
        Long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from initiative where province_id = ?1").setParameter(1, p.id())
                .getSingleResult()).longValue());
        assertThat(stored).isEqualTo(5_000);
    }

    /**
     * Two uploads that never finish hold both import slots (the test profile waits 1 s for one): a third import is
     * told to come back, 503 with Retry-After, without its body being read; once the uploads are dropped, imports go
     * through again and nothing of the dropped ones was written.
     */
    @Test
    void importsBeyondTheSlotsInUseAreToldToComeBackAndDroppedUploadsWriteNothing() throws Exception {
        Province p = province();
        List<Socket> uploads = List.of(unfinishedUpload(p), unfinishedUpload(p));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> importJson(p, "[]").extract().statusCode() == 503);
            importJson(p, "[" + row("WAITED-1", p.unit(), "Chờ lượt", true) + "]").statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("status", equalTo(503)).body("detail", startsWith("Other imports are in progress"));
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> importJson(p, "[]").extract().statusCode() == 200);
        importJson(p, "[" + row("AFTER-1", p.unit(), "Sau khi chờ", true) + "]").statusCode(200)
                .body("created", equalTo(1));
        Long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from initiative where province_id = ?1").setParameter(1, p.id())
                .getSingleResult()).longValue());
        assertThat(stored).as("only the import made after the wait").isEqualTo(1);
    }

    /** An import whose body announces a megabyte, of which only the first row arrives. */
    private static Socket unfinishedUpload(Province p) throws Exception {
        Socket socket = new Socket("localhost", RestAssured.port);
        String request = "POST /api/v1/initiatives/import?province=" + p.code() + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: " + p.it() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n[" + row("UNFINISHED-" + UUID.randomUUID(), p.unit(), "Dở dang", true)
                + ",";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    private ValidatableResponse importJson(Province p, String body) {
        return given().header("Authorization", p.it()).queryParam("province", p.code())
                .contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/initiatives/import").then();
    }

    private ValidatableResponse importCsv(Province p, String csv) {
        return given().header("Authorization", p.it()).queryParam("province", p.code())
                .contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/initiatives/import").then();
    }

    private static String row(String externalRef, UUID unit, String title, boolean submit) {
        return """
                {"externalRef":"%s","programmeCode":"1-trieu-sang-kien","title":"%s","problem":"Vấn đề",
                 "solution":"Giải pháp","expectedBenefit":"Lợi ích","field":"OTHER","unitId":"%s","visibility":"PUBLIC",
                 "authors":[{"memberId":"m-imp","displayName":"Tác giả"}],"submit":%s}"""
                .formatted(externalRef, title, unit, submit);
    }

    /** A province of its own, with a token of its provincial system. */
    private Province province() {
        Replica.Province p = Replica.province(replicas);
        return new Province(p.id(), p.code(), p.unit(),
                Tokens.bearer(Roles.PROVINCE_INTEGRATION, p.id().toString(), "it-" + p.code()));
    }
}
