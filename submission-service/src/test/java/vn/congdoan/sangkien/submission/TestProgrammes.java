package vn.congdoan.sangkien.submission;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.submission.repository.ProgrammeReplicaRepository;
import vn.congdoan.sangkien.testsupport.TopicProbe;

/**
 * Programmes published on programmes.v1 as org-unit-service would, once the service's replica holds them. At startup,
 * the programme most tests submit to, without a last day (as org-unit-service publishes it): they submit at the
 * machine's time, whatever day that is; tests of dates publish a programme of their own and set the clock.
 */
@Singleton
public class TestProgrammes {

    static final String OPEN = "1-trieu-sang-kien";

    private final ProgrammeReplicaRepository replicas;

    public TestProgrammes(ProgrammeReplicaRepository replicas) {
        this.replicas = replicas;
    }

    /** After the replica consumers have started. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
        publish(new ProgrammeState(OPEN, "1 triệu sáng kiến", LocalDate.of(2021, 9, 1), null, 1_000_000L, List.of(),
                0));
    }

    /** A new programme of its own for a test, from {@code start} to {@code end} (its last day, or null); its code. */
    String publishNew(LocalDate start, LocalDate end) {
        String code = "p-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new ProgrammeState(code, "Chương trình thử", start, end, null, List.of(), 0));
        return code;
    }

    void publish(ProgrammeState state) {
        TopicProbe.send(Topics.PROGRAMMES, state.code(), EventJson.write(state));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> replicas.findByIdOptional(state.code())
                        .filter(p -> p.version == state.version()).isPresent()));
    }
}
