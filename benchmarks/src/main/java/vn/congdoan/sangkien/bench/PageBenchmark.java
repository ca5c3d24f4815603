package vn.congdoan.sangkien.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The leaderboard page: what its first load transfers, and how fast ranking-service serves its HTML next to a
 * hello-world measured in the same run.
 */
final class PageBenchmark {

    /** Scripts and styles the HTML names, and the modules a script imports statically (not {@code import()}). */
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/[^\"]+\\.(?:js|css|svg))\"");
    private static final Pattern IMPORTED = Pattern.compile("^import [^;]*? from '\\./([^']+)'", Pattern.MULTILINE);

    /**
     * @param transferred bytes on the wire per resource of the first load
     * @param html        GET / as a browser asks for it (gzip)
     */
    record Result(Map<String, Long> transferred, LatencyRun.Result hello, LatencyRun.Result html) {

        long total() {
            return transferred.values().stream().mapToLong(Long::longValue).sum();
        }

        double ratio() {
            return html.throughput() / hello.throughput();
        }
    }

    private final Stack stack;

    PageBenchmark(Stack stack) {
        this.stack = stack;
    }

    Result run(int clients, Duration warmup, Duration measure) throws Exception {
        Map<String, Long> transferred = firstLoad();
        Map<String, String> gzip = Map.of("Accept-Encoding", "gzip");
        LatencyRun.Result hello = new LatencyRun(gzip).run("plain Quarkus hello-world JSON (baseline)",
                List.of(stack.hello + "/hello"), clients, warmup, measure);
        LatencyRun.Result html = new LatencyRun(gzip).run("GET / (the leaderboard's HTML, gzip)",
                List.of(stack.ranking + "/"), clients, warmup, measure);
        return new Result(transferred, hello, html);
    }

    /**
     * The HTML, every script, style and icon it loads, compressed as a browser gets them; then the data its first
     * view shows: the groupings (compressed) and the first events of its two streams (Server-Sent Events are sent
     * as they are).
     */
    private Map<String, Long> firstLoad() throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        String html = fetch("/", true, sizes);
        Deque<String> pending = new ArrayDeque<>();
        Matcher linked = LINKED.matcher(html);
        while (linked.find()) {
            pending.add(linked.group(1));
        }
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (sizes.containsKey(path)) {
                continue;
            }
            String body = fetch(path, true, sizes);
            if (path.endsWith(".js")) {
                Matcher imported = IMPORTED.matcher(body);
                while (imported.find()) {
                    pending.add(path.substring(0, path.lastIndexOf('/') + 1) + imported.group(1));
                }
            }
        }
        fetch("/api/v1/groupings", true, sizes);
        fetch("/api/v1/standings?programme=" + Stack.PROGRAMME, false, sizes);
        fetch("/api/v1/programmes/" + Stack.PROGRAMME + "/summary", false, sizes);
        return sizes;
    }

    /** GETs a path, notes the bytes of its body as sent, and returns it as text. */
    private String fetch(String path, boolean gzip, Map<String, Long> sizes) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.ranking + path))
                .timeout(Duration.ofSeconds(30));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = stack.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        sizes.put(path, (long) response.body().length);
        boolean compressed = response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
        byte[] body = compressed ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                : response.body();
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The part's section of the report. */
    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("What a browser transfers to show the page the first time, compressed as "
                + "it asks (`Accept-Encoding: gzip`), the streams' first events as they are sent:\n\n"
                + "| resource | bytes |\n|---|---|\n");
        r.transferred().forEach((path, bytes) -> md.append("| `%s` | %,d |%n".formatted(path, bytes)));
        md.append("| **first load** | **%,d** (%.1f KB) |%n%n".formatted(r.total(), r.total() / 1024.0));
        md.append("The chart library (uPlot, about 22 KB compressed) loads only on a province's page.\n\n");
        md.append(LatencyRun.TABLE_HEADER).append('\n').append(r.hello().markdownRow()).append('\n')
                .append(r.html().markdownRow()).append('\n');
        md.append("%nThe page's HTML is served at %.0f %% of hello-world's requests/s.%n".formatted(r.ratio() * 100));
        return md.toString();
    }

    /** Its rows of the summary: figure, measured, target, met. */
    static List<String[]> summary(Result r) {
        return List.of(
                new String[] { "Page: first load (gzip)", "%.1f KB".formatted(r.total() / 1024.0), "< 300 KB",
                    r.total() < 300 * 1024 ? "yes" : "**no**" },
                new String[] { "Page: GET / vs hello-world", "%.0f %% (%,.0f vs %,.0f req/s)".formatted(
                        r.ratio() * 100, r.html().throughput(), r.hello().throughput()), "≥ 70 %",
                    r.ratio() >= 0.7 ? "yes" : "**no**" });
    }
}
