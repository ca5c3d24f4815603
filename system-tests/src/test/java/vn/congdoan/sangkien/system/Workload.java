package vn.congdoan.sangkien.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.system.Ledger.Entry;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * Concurrent clients, each a member of one grassroots union, that create (as drafts or submitted at once), submit,
 * withdraw and — as their unit administrator — mark duplicate initiatives for a while, the way mobile clients on a
 * flaky network do: a create carries an Idempotency-Key and is retried with it until it gets an answer; a change is
 * retried, and when a retry is refused because the first attempt went through, the client reads the initiative to
 * learn so. Whatever no client should ever see (a 500, a hang, a 503 without Retry-After, a wrong answer) is kept
 * in {@link #problems()}. Where submission-service runs as several instances, the clients are spread over them and a
 * client whose instance stops answering sends to the next one, as a load balancer would.
 */
final class Workload {

    /** Whether {@code POST /api/v1/initiatives/{id}/duplicate} exists: unknown until a client first tries it. */
    static final AtomicReference<Boolean> DUPLICATE_ENDPOINT = new AtomicReference<>();

    private static final Duration GIVE_UP = Duration.ofSeconds(150);
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Fields the initiatives are given, for the breakdowns by field. */
    private static final List<String> FIELDS = List.of("PRODUCTION_TECHNICAL", "DIGITAL_TRANSFORMATION",
            "OCCUPATIONAL_SAFETY", "HEALTHCARE");

    private final SystemUnderTest system;
    private final List<Population.Unit> units;
    private final Ledger ledger;
    private final boolean strict;
    private final String run = "r" + RUNS.incrementAndGet();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    /** The instance of submission-service this client thread sends to. */
    private final ThreadLocal<Integer> instance = ThreadLocal.withInitial(() -> 0);
    private volatile Instant end;

    private Workload(SystemUnderTest system, List<Population.Unit> units, Ledger ledger, boolean strict) {
        this.system = system;
        this.units = units;
        this.ledger = ledger;
        this.strict = strict;
    }

    /**
     * @param strict every request must be answered at the first attempt, without a retry: for faults the system
     *               promises to hide from clients entirely
     */
    static Workload start(SystemUnderTest system, List<Population.Unit> units, Ledger ledger, int clients,
            Duration duration, boolean strict) {
        Workload w = new Workload(system, units, ledger, strict);
        w.end = Instant.now().plus(duration);
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread t = new Thread(() -> w.client(index), "client-" + w.run + "-" + i);
            w.clients.add(t);
            t.start();
        }
        return w;
    }

    /** Waits until the clients have had {@code n} creates acknowledged: the load is under way. */
    void awaitAcknowledged(long n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (acknowledged.get() < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    /** Lets the clients run until their time is up and every request they sent is answered. */
    Workload finish() throws InterruptedException {
        for (Thread t : clients) {
            t.join(GIVE_UP.plusSeconds(60).toMillis());
            if (t.isAlive()) {
                problems.add(t.getName() + " still waiting for an answer");
                t.interrupt();
            }
        }
        return this;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long retries() {
        return retries.get();
    }

    /** Requests whose connection broke off without an answer (not a refused connection: a service that was away). */
    long cutOff() {
        return cutOff.get();
    }

    private void client(int index) {
        instance.set(index % system.instances());
        Population.Unit unit = units.get(index % units.size());
        String member = "m-" + run + "-" + index;
        String token = Api.bearer(member, unit.id().toString(), "MEMBER");
        String admin = Api.bearer("admin-" + member, unit.provinceCode(), "UNIT_ADMIN");
        Random random = new Random(31L * index + run.hashCode());
        List<Entry> mine = new ArrayList<>();
        try {
            while (Instant.now().isBefore(end)) {
                double r = random.nextDouble();
                Entry draft = pick(mine, InitiativeStatus.DRAFT, random);
                Entry submitted = pick(mine, InitiativeStatus.SUBMITTED, random);
                if (r < 0.15 && draft != null) {
                    change(draft, "submit", InitiativeStatus.SUBMITTED, token, null);
                } else if (r < 0.30 && submitted != null) {
                    change(submitted, "withdraw", InitiativeStatus.WITHDRAWN, token, null);
                } else if (r < 0.40 && submitted != null && !Boolean.FALSE.equals(DUPLICATE_ENDPOINT.get())) {
                    Entry original = pick(mine, InitiativeStatus.SUBMITTED, random);
                    if (original != submitted) {
                        change(submitted, "duplicate", InitiativeStatus.DUPLICATE, admin,
                                Map.of("originalId", original.id.toString()));
                    }
                } else {
                    create(unit, member, token, index, random).ifPresent(mine::add);
                }
                Thread.sleep(20 + random.nextInt(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            problems.add(Thread.currentThread().getName() + " failed: " + e);
        }
    }

    private Optional<Entry> create(Population.Unit unit, String member, String token, int index,
            Random random) throws IOException, InterruptedException {
        Entry entry = ledger.open(unit, member, token);
        List<Map<String, String>> authors = new ArrayList<>();
        authors.add(Map.of("memberId", member, "displayName", "Đoàn viên " + index));
        String coAuthor = random.nextInt(4) == 0 ? member + "-co" + random.nextInt(3) : null;
        if (coAuthor != null) {
            authors.add(Map.of("memberId", coAuthor, "displayName", "Đồng tác giả"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programmeCode", "1-trieu-sang-kien");
        body.put("title", Ledger.title(entry.key));
        body.put("problem", "Khâu bốc xếp thủ công chậm và nguy hiểm");
        body.put("solution", "Lắp băng chuyền con lăn");
        body.put("expectedBenefit", "Nhanh hơn 30 %");
        body.put("field", FIELDS.get(random.nextInt(FIELDS.size())));
        body.put("unitId", unit.id().toString());
        body.put("authors", authors);
        body.put("submit", random.nextInt(5) != 0);
        Answer answer = untilAnswered("create " + entry.key, () -> Api.postJson(submission() + "/api/v1/initiatives",
                token, body, Map.of("Idempotency-Key", entry.key)));
        if (answer == null) {
            return Optional.empty();
        }
        if (answer.reply.status() != 201) {
            problems.add("create " + entry.key + " answered " + answer.reply);
            return Optional.empty();
        }
        entry.status = InitiativeStatus.valueOf(answer.reply.json().get("status").asText());
        entry.id = UUID.fromString(answer.reply.json().get("id").asText());
        acknowledged.incrementAndGet();
        SystemSummary.ACKNOWLEDGED_CREATES.incrementAndGet();
        if (coAuthor != null && random.nextBoolean()) {
            // a co-author counts as a submitter once they confirm; half of them do
            String coToken = Api.bearer(coAuthor, unit.id().toString(), "MEMBER");
            String confirm = "/api/v1/initiatives/" + entry.id + "/authorship";
            Answer confirmed = untilAnswered("confirm " + entry.key, () -> Api.send("POST", submission() + confirm,
                    coToken, Map.of(), null));
            if (confirmed != null && confirmed.reply.status() != 200) {
                problems.add("confirm " + entry.key + " answered " + confirmed.reply);
            }
        }
        return Optional.of(entry);
    }

    private void change(Entry entry, String action, InitiativeStatus target, String token, Object body)
            throws IOException, InterruptedException {
        String path = "/api/v1/initiatives/" + entry.id + "/" + action;
        Answer answer = untilAnswered(action + " " + entry.key, () -> body == null
                ? Api.send("POST", submission() + path, token, Map.of(), null)
                : Api.postJson(submission() + path, token, body, Map.of()));
        if (answer == null) {
            return;
        }
        int status = answer.reply.status();
        if (action.equals("duplicate") && (status == 405 || status == 404 && !answer.reply.body().contains(
                "Initiative"))) {
            DUPLICATE_ENDPOINT.set(false);
            return;
        }
        if (status == 200) {
            entry.status = target;
            if (action.equals("duplicate")) {
                DUPLICATE_ENDPOINT.set(true);
            }
        } else if (status == 409 && answer.attempts > 1) {
            Answer now = untilAnswered("read " + entry.key,
                    () -> Api.get(submission() + "/api/v1/initiatives/" + entry.id, entry.token));
            if (now != null && now.reply.status() == 200
                    && target.name().equals(now.reply.json().get("status").asText())) {
                entry.status = target;
            } else {
                problems.add(action + " " + entry.key + " refused on retry, and the initiative is " + now);
            }
        } else {
            problems.add(action + " " + entry.key + " answered " + answer.reply);
        }
    }

    private String submission() {
        return system.url(Service.SUBMISSION, instance.get());
    }

    /** After a refused or broken connection: the next instance, if there is another. */
    private void failOver() {
        instance.set((instance.get() + 1) % system.instances());
    }

    private record Answer(Api.Reply reply, int attempts) {
    }

    @FunctionalInterface
    private interface Call {
        Api.Reply send() throws IOException, InterruptedException;
    }

    /** Sends until an answer that is not "try again"; null after {@link #GIVE_UP}. */
    private Answer untilAnswered(String what, Call call) throws InterruptedException {
        Instant deadline = Instant.now().plus(GIVE_UP);
        int attempts = 0;
        while (true) {
            attempts++;
            long pauseMillis = 300;
            try {
                Api.Reply reply = call.send();
                int status = reply.status();
                if (status == 503 || status == 429) {
                    if (reply.retryAfter() == null) {
                        problems.add(what + ": " + status + " without Retry-After");
                    } else {
                        pauseMillis = Math.min(5_000, Long.parseLong(reply.retryAfter().trim()) * 1000);
                    }
                    if (strict) {
                        problems.add(what + ": " + reply + " (no retry was expected)");
                    }
                } else if (status >= 500) {
                    problems.add(what + ": " + reply);
                } else {
                    return new Answer(reply, attempts);
                }
            } catch (HttpTimeoutException hang) {
                problems.add(what + ": no answer within " + Api.TIMEOUT);
            } catch (ConnectException refused) {
                failOver();
                if (strict) {
                    problems.add(what + ": " + refused);
                }
            } catch (IOException down) {
                // the service took the request and dropped its connection without an answer
                cutOff.incrementAndGet();
                failOver();
                if (strict) {
                    problems.add(what + ": " + down);
                }
            }
            retries.incrementAndGet();
            if (Instant.now().isAfter(deadline)) {
                problems.add(what + ": no answer after " + GIVE_UP);
                return null;
            }
            Thread.sleep(pauseMillis);
        }
    }

    private static Entry pick(List<Entry> mine, InitiativeStatus status, Random random) {
        List<Entry> candidates = mine.stream().filter(e -> e.status == status).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }
}
