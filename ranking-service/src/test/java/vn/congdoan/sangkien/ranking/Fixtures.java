package vn.congdoan.sangkien.ranking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.restassured.path.json.JsonPath;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.events.GroupingState;
import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.events.OrgUnitState;
import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/** Reference data and initiative events published the way org-unit-service and submission-service do. */
public final class Fixtures {

    /** How long a test waits for the service to catch up with what it published or asked. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private Fixtures() {
    }

    /** A code no programme has: the service does not know it. */
    public static String programmeCode() {
        return "p-" + UUID.randomUUID();
    }

    /** A programme of its own without targets, known to the service when this returns. */
    public static String newProgramme() {
        String code = programmeCode();
        programme(code, 1_000_000, Map.of());
        await().atMost(WAIT)
                .until(() -> given().get("/api/v1/programmes/{code}/summary", code).statusCode() == 200);
        return code;
    }

    public static UUID province(String name, Integer members) {
        UUID id = UUID.randomUUID();
        TopicProbe.send(Topics.ORG_UNITS, id.toString(), EventJson.write(provinceState(id, name, members, null, null, 0)));
        return id;
    }

    /** Ends a province made by {@link #province} on {@code date}, merged into {@code successor}, as a merge does. */
    public static void merge(UUID province, String name, Integer members, UUID successor, LocalDate date) {
        TopicProbe.send(Topics.ORG_UNITS, province.toString(),
                EventJson.write(provinceState(province, name, members, date, successor, 1)));
    }

    private static OrgUnitState provinceState(UUID id, String name, Integer members, LocalDate validTo,
            UUID successor, long version) {
        return new OrgUnitState(id, "T" + id.toString().substring(0, 6), name, OrgUnitType.PROVINCIAL_FEDERATION,
                null, id, members, LocalDate.of(2022, 4, 15), null, validTo, successor, version);
    }

    /** A grouping with a unique code made from {@code prefix}; returns the code. */
    public static String grouping(String prefix, GroupingKind kind, UUID... members) {
        UUID id = UUID.randomUUID();
        String code = prefix + "-" + id.toString().substring(0, 8);
        List<GroupingState.Member> list = Arrays.stream(members)
                .map(m -> new GroupingState.Member(m, null, null)).toList();
        TopicProbe.send(Topics.GROUPINGS, id.toString(),
                EventJson.write(new GroupingState(id, code, code, kind, null, null, list, 0)));
        return code;
    }

    /** A programme of 2021-09-01 to 2023-09-01 with one phase of unknown dates holding {@code targets}. */
    public static void programme(String code, long nationalTarget, Map<UUID, Long> targets) {
        List<ProgrammeState.Target> list = targets.entrySet().stream()
                .map(e -> new ProgrammeState.Target(e.getKey(), e.getValue())).toList();
        ProgrammeState state = new ProgrammeState(code, "Programme " + code, LocalDate.of(2021, 9, 1),
                LocalDate.of(2023, 9, 1), nationalTarget,
                List.of(new ProgrammeState.Phase("phase-1", "Giai đoạn 1", null, null, list)), 0);
        TopicProbe.send(Topics.PROGRAMMES, code, EventJson.write(state));
    }

    public static InitiativeEvent event(UUID initiative, long version, String programme, UUID province,
            InitiativeStatus status, Instant submittedAt, String... authors) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.UPDATED, Instant.now(), initiative, version,
                programme, UUID.randomUUID(), province, status, List.of(authors), submittedAt);
    }

    public static InitiativeEvent submitted(String programme, UUID province, String... authors) {
        return event(UUID.randomUUID(), 0, programme, province, InitiativeStatus.SUBMITTED, Instant.now(), authors);
    }

    /** The same initiative in a later state. */
    public static InitiativeEvent next(InitiativeEvent event, InitiativeStatus status) {
        return event(event.initiativeId(), event.version() + 1, event.programmeCode(), event.provinceId(), status,
                event.submittedAt(), event.authorIds().toArray(String[]::new));
    }

    /** Publishes events in order with one producer, keyed by provincial federation as submission-service does. */
    public static void send(List<InitiativeEvent> events) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (InitiativeEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.INITIATIVE_EVENTS, e.provinceId().toString(),
                        EventJson.write(e)));
            }
            producer.flush();
        }
    }

    public static void send(InitiativeEvent... events) {
        send(List.of(events));
    }

    public static JsonPath standings(String programme, String... params) {
        var request = given().queryParam("programme", programme);
        for (int i = 0; i + 1 < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/standings").then().statusCode(200).extract().jsonPath();
    }

    /** The path of a province's row in a standings document. */
    public static String row(UUID province) {
        return "find { it.provinceId == '" + province + "' }";
    }

    /** Waits until the live standings of {@code programme} count {@code submissions} in {@code province}. */
    public static void awaitSubmissions(String programme, UUID province, int submissions) {
        await().atMost(WAIT).ignoreException(NullPointerException.class)
                .until(() -> standings(programme).getInt(row(province) + ".submissions") == submissions);
    }

    /** A programme of a test's own and a province of its own in it. */
    public record Counted(String programme, UUID province) {
    }

    /** A programme of its own with a new province that has one submission, once the standings count it. */
    public static Counted oneSubmissionIn(String provinceName, Integer members) {
        String programme = newProgramme();
        UUID province = province(provinceName, members);
        send(submitted(programme, province, "m-1"));
        awaitSubmissions(programme, province, 1);
        return new Counted(programme, province);
    }

    /** A province's row of a standings document, field by field: one assertion can check several figures. */
    public static Map<String, Object> rowOf(JsonPath standings, UUID province) {
        return standings.getMap(row(province));
    }
}
