package vn.congdoan.sangkien.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.InitiativeEvent;
import vn.congdoan.sangkien.events.InitiativeStatus;

class InitiativeStateTest {

    private static final UUID INITIATIVE = UUID.randomUUID();

    private static InitiativeEvent event(long version, InitiativeStatus status) {
        return new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.UPDATED, Instant.now(), INITIATIVE, version,
                "1-trieu-sang-kien", UUID.randomUUID(), UUID.randomUUID(), status, null, Instant.now());
    }

    @Test
    void eventsApplyInOrderEachOnlyWhenNewerThanWhatIsHeldByThen() {
        InitiativeState.Applied applied = InitiativeState.apply(null, List.of(event(1, InitiativeStatus.SUBMITTED),
                event(3, InitiativeStatus.RECOGNIZED), event(2, InitiativeStatus.UNDER_REVIEW)));

        assertThat(applied.events()).isEqualTo(2);
        assertThat(applied.state().version()).isEqualTo(3);
        assertThat(applied.state().status()).isEqualTo(InitiativeStatus.RECOGNIZED);
        assertThat(applied.state().authorIds()).isEmpty();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        InitiativeState held = InitiativeState.of(event(4, InitiativeStatus.UNDER_REVIEW));

        InitiativeState.Applied applied = InitiativeState.apply(held, List.of(event(4, InitiativeStatus.WITHDRAWN),
                event(2, InitiativeStatus.SUBMITTED)));

        assertThat(applied.events()).isZero();
        assertThat(applied.state()).isSameAs(held);
    }
}
