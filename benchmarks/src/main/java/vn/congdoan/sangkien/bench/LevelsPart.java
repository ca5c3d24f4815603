package vn.congdoan.sangkien.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import vn.congdoan.sangkien.localstack.DevTokens;

/**
 * The standings below the province at national size: units imported into every province (districts of 40
 * grassroots unions each; the first province the largest), the million spread over them by the scale part, then the
 * grassroots standings of the largest province and its districts read from memory (closed loop, as dashboards
 * poll) and computed (each read a day not asked before), and how soon a submission shows in its unit's row.
 */
final class LevelsPart {

    private static final String[] SECTORS = {"STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE",
        "FOREIGN_INVESTED_ENTERPRISE", "PUBLIC_SERVICE_UNIT", "ADMINISTRATIVE_BODY"};
    private static final int PER_DISTRICT = 40;
    /** How often the row is read while the submission is awaited. */
    private static final Duration POLL = Duration.ofMillis(20);
    /** Computed reads, not measured, before each kind of computed read measured. */
    private static final int COMPUTED_WARMUPS = 50;
    /** Submissions and the reads after them, not measured, before those measured. */
    private static final int AFTER_CHANGE_WARMUPS = 20;

    /** What the part measured. */
    record Result(int units, int largestGrassroots, int clients, LatencyRun.Result grassrootsCached,
            LatencyRun.Result districtsCached, PastReads.Result grassrootsComputed, PastReads.Result districtsComputed,
            Histogram freshness, AfterChange afterChange, Targets targets) {
    }

    /**
     * Reads of the largest province's standings, each the first after a submission in it was counted: what a
     * dashboard's poll costs while submissions come in.
     */
    record AfterChange(Histogram grassroots, Histogram districts) {
    }

    /**
     * The targets handed down: every province's to its districts, every district's to its grassroots unions.
     *
     * @param seconds      from the first list sent to the last answered
     * @param shownSeconds from the last answered to its last unit's row in the standings showing its target
     */
    record Targets(int targets, int lists, double seconds, double shownSeconds) {
    }

    private final Stack stack;
    private final int units = Integer.parseInt(Benchmarks.env("BENCH_LEVEL_UNITS", "150000"));
    private final int largest = Integer.parseInt(Benchmarks.env("BENCH_LEVEL_LARGEST", "3200"));
    private String largestProvince;
    private String largestId;
    private String districtId;
    private String grassrootsId;
    private int added;
    private int targets;
    private int targetLists;
    private long targetNanos;
    private long lastTargetAnswered;
    private String lastTargetParent;
    private String lastTargetUnit;
    private double targetsShownSeconds;

    LevelsPart(Stack stack) {
        this.stack = stack;
    }

    /**
     * Imports the units into every province and adds their grassroots unions to those the scale part's rows are
     * submitted through.
     */
    void addUnits(Fixture fixture) throws Exception {
        List<String> provinces = fixture.provinces;
        int others = Math.max(PER_DISTRICT, (units - largest) / Math.max(1, provinces.size() - 1));
        Benchmarks.say("  units below the provinces: %,d grassroots unions in %s, about %,d in each other province"
                .formatted(largest, provinces.get(0), others));
        for (int p = 0; p < provinces.size(); p++) {
            String province = provinces.get(p);
            int grassroots = p == 0 ? largest : others;
            StringBuilder rows = new StringBuilder("[");
            for (int d = 0; d * PER_DISTRICT < grassroots; d++) {
                rows.append(rows.length() > 1 ? "," : "").append(("{\"code\":\"L%s-D%d\",\"name\":\"Liên đoàn Lao "
                        + "động huyện %d tỉnh %s\",\"type\":\"DIRECT_SUPERIOR\",\"parentCode\":\"%s\","
                        + "\"validFrom\":\"2021-09-01\"}").formatted(province, d, d, province, province));
                for (int g = d * PER_DISTRICT; g < Math.min(grassroots, (d + 1) * PER_DISTRICT); g++) {
                    rows.append(("\n,{\"code\":\"L%s-G%d\",\"name\":\"Công đoàn cơ sở %d huyện %d tỉnh %s\","
                            + "\"type\":\"GRASSROOTS\",\"parentCode\":\"L%s-D%d\",\"memberCount\":\"%d\","
                            + "\"sector\":\"%s\",\"validFrom\":\"2021-09-01\"}").formatted(province, g, g, d, province,
                            province, d, 50 + g % 400, SECTORS[g % SECTORS.length]));
                }
            }
            HttpResponse<String> response = stack.post(stack.orgUnits + "/api/v1/units/import?province=" + province,
                    stack.admin, rows.append(']').toString(), Duration.ofMinutes(5));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Unit import answered " + response.statusCode() + ": "
                        + response.body());
            }
            List<String> ids = new ArrayList<>();
            Map<String, String> districts = new LinkedHashMap<>();
            for (JsonNode result : stack.json.readTree(response.body()).get("results")) {
                String code = result.path("code").asText();
                if (result.hasNonNull("id") && code.contains("-D")) {
                    districts.put(code, result.get("id").asText());
                }
                if (result.hasNonNull("id") && code.contains("-G")) {
                    ids.add(result.get("id").asText());
                    if (p == 0 && grassrootsId == null) {
                        grassrootsId = result.get("id").asText();
                    }
                } else if (result.hasNonNull("id") && p == 0 && districtId == null) {
                    districtId = result.get("id").asText();
                }
                added += result.hasNonNull("id") ? 1 : 0;
            }
            fixture.unitsByProvince.get(province).addAll(ids);
            assignTargets(province, grassroots, districts);
        }
        targetsShownSeconds = targetsShown(stack.admin);
        Benchmarks.say("  %,d targets handed down in %,d lists, %.1f s; the last in its row %.1f s after".formatted(
                targets, targetLists, targetNanos / 1e9, targetsShownSeconds));
        largestProvince = provinces.get(0);
        largestId = stack.getJson(stack.orgUnits + "/api/v1/units/by-code/" + largestProvince, stack.admin).get("id")
                .asText();
        Benchmarks.say("  %,d units imported".formatted(added));
    }

    /**
     * The province hands a target down to each of its districts, and each district one to each of its grassroots
     * unions, as the article's Hà Tĩnh does: one list per parent, as its administrators would send it.
     */
    private void assignTargets(String province, int grassroots, Map<String, String> districts) throws Exception {
        String provinceId = stack.getJson(stack.orgUnits + "/api/v1/units/by-code/" + province, stack.admin)
                .get("id").asText();
        StringBuilder handed = new StringBuilder("[");
        for (String district : districts.keySet()) {
            handed.append(handed.length() > 1 ? "," : "").append("{\"unitCode\":\"%s\",\"target\":%d}"
                    .formatted(district, PER_DISTRICT * 10));
        }
        assignTargets(provinceId, handed.append(']').toString(), districts.size());
        int d = 0;
        for (Map.Entry<String, String> district : districts.entrySet()) {
            StringBuilder rows = new StringBuilder("[");
            int count = 0;
            for (int g = d * PER_DISTRICT; g < Math.min(grassroots, (d + 1) * PER_DISTRICT); g++) {
                rows.append(rows.length() > 1 ? "," : "").append("{\"unitCode\":\"L%s-G%d\",\"target\":%d}"
                        .formatted(province, g, 5 + g % 11));
                count++;
                lastTargetUnit = "L" + province + "-G" + g;
            }
            assignTargets(district.getValue(), rows.append(']').toString(), count);
            lastTargetParent = district.getValue();
            d++;
        }
    }

    private void assignTargets(String parentId, String rows, int count) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = stack.put(stack.orgUnits + "/api/v1/programmes/" + Stack.PROGRAMME
                + "/phases/phase-1/units/" + parentId + "/targets", stack.admin, rows, Duration.ofMinutes(1));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Targets of " + parentId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        lastTargetAnswered = System.nanoTime();
        targetNanos += lastTargetAnswered - started;
        targets += count;
        targetLists++;
    }

    /**
     * From the last list of targets answered to its last unit's row showing its target: every record before it on
     * the way, some 150,000 of them, relayed and applied.
     */
    private double targetsShown(String reader) throws Exception {
        String url = stack.ranking + "/api/v1/standings/units/" + lastTargetParent + "?limit=500";
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode row : stack.getJson(url, reader).get("rows")) {
                if (row.get("code").asText().equals(lastTargetUnit) && row.hasNonNull("target")) {
                    return (System.nanoTime() - lastTargetAnswered) / 1e9;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The last target handed down was not shown within 5 minutes");
    }

    /** The reads and the freshness, once the million is counted. */
    Result measure(Fixture fixture, int clients, Duration warmup, Duration measure) throws Exception {
        String member = "Bearer " + DevTokens.token("bench-level-reader", grassrootsId, Duration.ofHours(3), "MEMBER");
        String base = stack.ranking + "/api/v1/standings/units/" + largestId;
        // the rows the ranking-service has of the largest province, once it has every unit
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int rows = 0;
        while (System.nanoTime() < deadline) {
            rows = stack.getJson(base + "?level=GRASSROOTS&limit=1", member).path("total").asInt();
            if (rows >= largest) {
                break;
            }
            Thread.sleep(500);
        }
        Map<String, String> headers = Map.of("Authorization", member);
        LatencyRun.Result grassroots = new LatencyRun(headers).run(("GET the %,d grassroots unions of the largest "
                + "province, 100 a page").formatted(rows), List.of(base + "?level=GRASSROOTS"), clients, warmup,
                measure);
        LatencyRun.Result districts = new LatencyRun(headers).run("GET the districts of the largest province",
                List.of(base), clients, warmup, measure);
        PastReads past = new PastReads(stack, member);
        // the polled reads before were answered from memory: the code that counts the rows runs here first, and its
        // compilers settle over some dozens of reads, as they have long done on a server in service
        PastReads.Result grassrootsComputed = past.run("GET the grassroots unions of the largest province asOf a "
                + "distinct day", 100, COMPUTED_WARMUPS, i -> base + "?level=GRASSROOTS&asOf="
                        + PastReads.START.plusDays(200 + i));
        PastReads.Result districtsComputed = past.run("GET the districts of the largest province asOf a distinct day",
                100, COMPUTED_WARMUPS, i -> base + "?asOf=" + PastReads.START.plusDays(400 + i));
        Targets handed = new Targets(targets, targetLists, targetNanos / 1e9, targetsShownSeconds);
        AfterChange afterChange = new AfterChange(new Histogram(Duration.ofMinutes(1).toNanos(), 3),
                new Histogram(Duration.ofMinutes(1).toNanos(), 3));
        Histogram freshness = freshness(fixture, member, Integer.parseInt(Benchmarks.env(
                "BENCH_LEVEL_FRESHNESS_SAMPLES", "200")), base, afterChange);
        return new Result(added, rows, clients, grassroots, districts, grassrootsComputed, districtsComputed,
                freshness, afterChange, handed);
    }

    /**
     * From the answer to a submission through a grassroots union of the largest province to the first read of its
     * district's row that counts it, polling every {@link #POLL}; then one read of the province's grassroots unions
     * (even samples) or districts (odd ones), the first since the change, into {@code afterChange}; after
     * {@link #AFTER_CHANGE_WARMUPS} such samples not measured.
     */
    private Histogram freshness(Fixture fixture, String reader, int samples, String province, AfterChange afterChange)
            throws Exception {
        Histogram histogram = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        Fixture.Member author = new Fixture.Member("bench-level-author", "Bearer " + DevTokens.token(
                "bench-level-author", grassrootsId, Duration.ofHours(3), "MEMBER"), grassrootsId);
        String url = stack.ranking + "/api/v1/standings/units/" + districtId + "?limit=500";
        // the reads before were answered from memory or counted days past: what a read does after a change (the held
        // subtree brought up to date, the views of the revision dropped) runs here first, and is compiled over the
        // first few of them, as it long has been on a server in service
        for (int i = -AFTER_CHANGE_WARMUPS; i < samples; i++) {
            long before = submissions(url, reader);
            HttpResponse<String> created = stack.http.send(fixture.submission(author),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("A submission answered " + created.statusCode() + ": "
                        + created.body());
            }
            long sent = System.nanoTime();
            while (submissions(url, reader) <= before) {
                if (System.nanoTime() - sent > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("A submission was not counted in its unit's row within 30 s");
                }
                Thread.sleep(POLL.toMillis());
            }
            long counted = System.nanoTime() - sent;
            boolean grassroots = i % 2 == 0;
            long asked = System.nanoTime();
            HttpResponse<Void> read = stack.http.send(HttpRequest.newBuilder(URI.create(province
                    + (grassroots ? "?level=GRASSROOTS" : ""))).header("Authorization", reader)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (read.statusCode() != 200) {
                throw new IllegalStateException("The standings below the largest province answered "
                        + read.statusCode());
            }
            long took = System.nanoTime() - asked;
            if (i >= 0) {
                histogram.recordValue(counted);
                (grassroots ? afterChange.grassroots() : afterChange.districts()).recordValue(took);
            }
        }
        Benchmarks.say("  a unit's row counted a submission: p50 %.0f ms, p99 %.0f ms".formatted(
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6));
        return histogram;
    }

    private long submissions(String url, String reader) throws Exception {
        HttpResponse<String> response = stack.http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", reader).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode row : stack.json.readTree(response.body()).get("rows")) {
            if (row.get("unitId").asText().equals(grassrootsId)) {
                return row.get("submissions").asLong();
            }
        }
        return 0;
    }

    /** Adds the part's table and its lines of the summary to the report. */
    void report(Report report, Result r) {
        report.md.append(("%n### The standings below the province%n%n%,d units imported below the 63 provinces "
                + "(districts of %d grassroots unions; the largest province has %,d grassroots unions), the million "
                + "spread over them. Read from memory, %d closed-loop clients, as a province's dashboard polls:%n%n")
                .formatted(r.units(), PER_DISTRICT, r.largestGrassroots(), r.clients()))
                .append(LatencyRun.TABLE_HEADER).append('\n')
                .append(r.grassrootsCached().markdownRow()).append('\n')
                .append(r.districtsCached().markdownRow()).append('\n')
                .append("\nComputed, one at a time, each for a day not asked before:\n\n")
                .append(PastReads.TABLE_HEADER).append('\n')
                .append(r.grassrootsComputed().markdownRow()).append('\n')
                .append(r.districtsComputed().markdownRow()).append('\n');
        report.md.append(("%nFrom the answer to a submission to its unit's row counting it (%d samples): p50 %.0f ms, "
                + "p99 %.0f ms.%n").formatted(r.freshness().getTotalCount(), r.freshness().getValueAtPercentile(50)
                        / 1e6, r.freshness().getValueAtPercentile(99) / 1e6));
        double grassrootsAfter = r.afterChange().grassroots().getValueAtPercentile(99) / 1e6;
        double districtsAfter = r.afterChange().districts().getValueAtPercentile(99) / 1e6;
        report.md.append(("%nThe first read after each of those submissions was counted, one at a time (%d of each): "
                + "the grassroots unions of the largest province p50 %.2f ms, p99 %.2f ms; its districts p50 %.2f ms, "
                + "p99 %.2f ms.%n").formatted(r.afterChange().grassroots().getTotalCount(),
                        r.afterChange().grassroots().getValueAtPercentile(50) / 1e6, grassrootsAfter,
                        r.afterChange().districts().getValueAtPercentile(50) / 1e6, districtsAfter));
        report.summary.add(new String[] {"GET the grassroots unions of the largest province p99, polled / computed / "
            + "after a change", "%.2f / %.2f / %.2f ms".formatted(r.grassrootsCached().millis(99),
                r.grassrootsComputed().millis(99), grassrootsAfter), "< 25 ms",
            Report.met(r.grassrootsCached().millis(99) < 25 && r.grassrootsComputed().millis(99) < 25
                && grassrootsAfter < 25)});
        report.summary.add(new String[] {"GET the districts of a province p99, polled / computed / after a change",
            "%.2f / %.2f / %.2f ms".formatted(r.districtsCached().millis(99), r.districtsComputed().millis(99),
                districtsAfter), "< 10 ms", Report.met(r.districtsCached().millis(99) < 10
                && r.districtsComputed().millis(99) < 10 && districtsAfter < 10)});
        report.md.append(("%n%,d targets handed down (every province to its districts, every district to its grassroots "
                + "unions) in %,d lists: %.1f s of answers in all; the last one in its row of the standings %.1f s "
                + "after its answer.%n").formatted(r.targets().targets(), r.targets().lists(), r.targets().seconds(),
                        r.targets().shownSeconds()));
        report.summary.add(new String[] {"Targets handed down at every level",
            "%,d of %,d units, in %,d lists".formatted(r.targets().targets(), r.units(), r.targets().lists()),
            "every unit below the provinces", Report.met(r.targets().targets() == r.units())});
        double freshness = r.freshness().getValueAtPercentile(99) / 1e6;
        report.summary.add(new String[] {"A submission in its unit's row p99", "%.0f ms".formatted(freshness),
            "< 1 s", Report.met(freshness < 1000)});
    }
}
