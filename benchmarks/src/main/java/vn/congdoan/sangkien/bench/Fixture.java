package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.localstack.DevTokens;

/**
 * The units and members the write benchmarks submit through: in each of the 63 provinces a district union with
 * {@code unitsPerProvince} grassroots unions, and {@code members} members spread over them, each with a token.
 */
final class Fixture {

    /** A member who submits through their grassroots union. */
    record Member(String id, String authorization, String unitId) {
    }

    /**
     * A member's submission encoded once: the request's head, and the body between the two places where the
     * submission's serial number goes.
     */
    private record Encoded(RawHttp.Head head, byte[] middle) {
    }

    private static final byte[] BODY_START = ("{\"programmeCode\":\"1-trieu-sang-kien\",\"title\":\"Sáng kiến tiết "
            + "kiệm điện số ").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY_END = "\"}],\"submit\":true}".getBytes(StandardCharsets.UTF_8);

    final List<String> provinces = new ArrayList<>();
    final Map<String, List<String>> unitsByProvince = new LinkedHashMap<>();
    final List<Member> members = new ArrayList<>();
    private final Stack stack;
    private final URI submissions;
    private final Map<Member, Encoded> encoded = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    private Fixture(Stack stack) {
        this.stack = stack;
        this.submissions = URI.create(stack.submission + "/api/v1/initiatives");
    }

    static Fixture create(Stack stack, int unitsPerProvince, int members) throws Exception {
        Fixture fixture = new Fixture(stack);
        stack.getJson(stack.orgUnits + "/api/v1/units?type=PROVINCIAL_FEDERATION&limit=100", stack.admin).get("items")
                .forEach(p -> fixture.provinces.add(p.get("code").asText()));
        for (String province : fixture.provinces) {
            StringBuilder rows = new StringBuilder("[{\"code\":\"W%s-D\",\"name\":\"Liên đoàn Lao động huyện đo tải %s\",\"type\":\"DIRECT_SUPERIOR\",\"parentCode\":\"%s\",\"validFrom\":\"2021-09-01\"}"
                    .formatted(province, province, province));
            for (int g = 0; g < unitsPerProvince; g++) {
                rows.append(",{\"code\":\"W%s-G%d\",\"name\":\"Công đoàn cơ sở đo tải %s-%d\",\"type\":\"GRASSROOTS\",\"parentCode\":\"W%s-D\",\"memberCount\":\"500\",\"validFrom\":\"2021-09-01\"}"
                        .formatted(province, g, province, g, province));
            }
            HttpResponse<String> response = stack.post(stack.orgUnits + "/api/v1/units/import?province=" + province,
                    stack.admin, rows.append(']').toString(), Duration.ofMinutes(2));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Unit import answered " + response.statusCode() + ": " + response.body());
            }
            List<String> grassroots = new ArrayList<>();
            for (JsonNode result : stack.json.readTree(response.body()).get("results")) {
                if (result.hasNonNull("id") && result.path("code").asText().contains("-G")) {
                    grassroots.add(result.get("id").asText());
                }
            }
            fixture.unitsByProvince.put(province, grassroots);
        }
        for (int m = 0; m < members; m++) {
            List<String> units = fixture.unitsByProvince.get(fixture.provinces.get(m % fixture.provinces.size()));
            String unit = units.get((m / fixture.provinces.size()) % units.size());
            String id = "bench-member-" + m;
            fixture.members.add(new Member(id, "Bearer " + DevTokens.token(id, unit, Duration.ofHours(3), "MEMBER"),
                    unit));
        }
        fixture.awaitReplica();
        return fixture;
    }

    /** The body of a submission through the member's unit. */
    String initiative(Member member) {
        return new String(body(member, serial.incrementAndGet()), StandardCharsets.UTF_8);
    }

    Member anyMember() {
        return members.get(ThreadLocalRandom.current().nextInt(members.size()));
    }

    HttpRequest submission(Member member) {
        return HttpRequest.newBuilder(submissions)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", member.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(initiative(member))).build();
    }

    /**
     * The same submission, encoded for {@link RawHttp} from the member's parts encoded once: the load generator sends
     * thousands a second on the cores the service runs on, so each costs one array and a copy.
     */
    RawHttp.Request rawSubmission(Member member) {
        Encoded parts = encoded(member);
        byte[] number = Long.toString(serial.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        return parts.head().with(BODY_START, number, parts.middle(), number, BODY_END);
    }

    private byte[] body(Member member, long n) {
        byte[] number = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        return RawHttp.concat(BODY_START, number, encoded(member).middle(), number, BODY_END);
    }

    private Encoded encoded(Member member) {
        return encoded.computeIfAbsent(member, m -> new Encoded(RawHttp.Head.of("POST", submissions,
                Map.of("Authorization", List.of(m.authorization()), "Content-Type", List.of("application/json")),
                30_000),
                ("\",\"problem\":\"Hệ thống chiếu sáng nhà xưởng bật cả ngày.\",\"solution\":\"Lắp cảm biến ánh "
                        + "sáng và hẹn giờ theo ca.\",\"expectedBenefit\":\"Giảm 18 % điện năng chiếu sáng.\","
                        + "\"field\":\"OTHER\",\"unitId\":\"" + m.unitId() + "\",\"authors\":[{\"memberId\":\""
                        + m.id() + "\",\"displayName\":\"Người lao động ").getBytes(StandardCharsets.UTF_8)));
    }

    /** Submits one initiative; the answer's status. */
    int submit(Member member) throws Exception {
        return stack.http.send(submission(member), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Waits until submission-service's copy of the hierarchy has every unit: each accepts a submission (which the
     * standings then count, like any other).
     */
    private void awaitReplica() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        for (List<String> units : unitsByProvince.values()) {
            for (String unit : units) {
                Member probe = new Member("bench-probe", "Bearer " + DevTokens.token("bench-probe", unit,
                        Duration.ofHours(1), "MEMBER"), unit);
                int status;
                while ((status = submit(probe)) != 201) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("submission-service still answers " + status
                                + " for a unit made two minutes ago");
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
