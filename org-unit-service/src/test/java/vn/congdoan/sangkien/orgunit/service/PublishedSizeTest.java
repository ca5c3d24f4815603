package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.kit.problem.ProblemException;

/** A programme's state is one record: a change of targets that would not fit in it is refused before it is written. */
class PublishedSizeTest {

    /** Room for about 60 targets of 60 bytes besides the record's overhead. */
    private final PublishedSize limit = new PublishedSize(PublishedSize.RECORD_OVERHEAD + 4_000);

    @Test
    void aStateThatFitsPasses() {
        assertThatCode(() -> limit.check(state(20))).doesNotThrowAnyException();
    }

    @Test
    void aStateLargerThanARecordIsRefusedNamingTheBody() {
        assertThatThrownBy(() -> limit.check(state(100)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.field()).isEqualTo("body");
                    assertThat(p.getMessage()).contains("100 targets");
                });
    }

    private static ProgrammeState state(int targets) {
        return new ProgrammeState("1-trieu-sang-kien", "1 triệu sáng kiến", LocalDate.of(2021, 9, 1), null,
                1_000_000L, List.of(new ProgrammeState.Phase("phase-1", "Giai đoạn 1", null, null,
                        IntStream.range(0, targets).mapToObj(i -> new ProgrammeState.Target(UUID.randomUUID(), 3000))
                                .toList())), 1);
    }
}
