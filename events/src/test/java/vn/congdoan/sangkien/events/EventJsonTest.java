package vn.congdoan.sangkien.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void orgUnitStateKeepsVietnameseNamesAndDates() {
        var state = new OrgUnitState(UUID.randomUUID(), "42", "Liên đoàn Lao động tỉnh Hà Tĩnh",
                OrgUnitType.PROVINCIAL_FEDERATION, UUID.randomUUID(), null, 69_000, LocalDate.of(2022, 4, 15),
                LocalDate.of(1950, 1, 1), null, null, 3);

        String json = EventJson.write(state);

        assertThat(json).contains("\"memberCountAsOf\":\"2022-04-15\"").contains("Hà Tĩnh");
        assertThat(EventJson.read(json, OrgUnitState.class)).isEqualTo(state);
    }

    @Test
    void initiativeEventRoundTripsAndToleratesNewFields() {
        var event = new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED,
                Instant.parse("2022-04-15T03:00:00Z"), UUID.randomUUID(), 2, "1TRIEU-SANGKIEN", UUID.randomUUID(),
                UUID.randomUUID(), InitiativeStatus.SUBMITTED, List.of("m-1", "m-2"), Instant.parse("2022-04-15T03:00:00Z"));

        String json = EventJson.write(event).replaceFirst("\\{", "{\"addedLater\":true,");

        assertThat(json).contains("\"type\":\"InitiativeSubmitted\"").doesNotContain("cloudEventType");

        assertThat(EventJson.read(json, InitiativeEvent.class)).isEqualTo(event);
    }

    @Test
    void anEventWrittenBeforeTheDaysOfRecognitionAndEndReadsWithoutThem() {
        String older = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"InitiativeWithdrawn\","
                + "\"occurredAt\":\"2022-04-15T03:00:00Z\",\"initiativeId\":\"" + UUID.randomUUID() + "\","
                + "\"version\":3,\"programmeCode\":\"1TRIEU-SANGKIEN\",\"status\":\"WITHDRAWN\","
                + "\"authorIds\":[\"m-1\"],\"submittedAt\":\"2022-04-01T03:00:00Z\"}";

        InitiativeEvent event = EventJson.read(older, InitiativeEvent.class);

        assertThat(event.submittedAt()).isEqualTo(Instant.parse("2022-04-01T03:00:00Z"));
        assertThat(event.recognizedAt()).isNull();
        assertThat(event.endedAt()).isNull();
    }

    @Test
    void theDaysOfRecognitionAndEndRoundTrip() {
        var event = new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.MARKED_DUPLICATE,
                Instant.parse("2023-01-01T03:00:00Z"), UUID.randomUUID(), 5, "1TRIEU-SANGKIEN", UUID.randomUUID(),
                UUID.randomUUID(), InitiativeStatus.DUPLICATE, List.of("m-1"), Instant.parse("2021-10-05T01:00:00Z"),
                Instant.parse("2022-01-10T02:00:00Z"), Instant.parse("2022-12-31T16:30:00Z"));

        String json = EventJson.write(event);

        assertThat(json).contains("\"recognizedAt\":\"2022-01-10T02:00:00Z\"")
                .contains("\"endedAt\":\"2022-12-31T16:30:00Z\"");
        assertThat(EventJson.read(json, InitiativeEvent.class)).isEqualTo(event);
    }

    @Test
    void theSectorOfAUnitAndTheFieldOfAnInitiativeRoundTripAndAreAbsentFromOlderEvents() {
        var state = new OrgUnitState(UUID.randomUUID(), "42-001", "Công đoàn Bệnh viện Đa khoa tỉnh",
                OrgUnitType.GRASSROOTS, UUID.randomUUID(), UUID.randomUUID(), 900, LocalDate.of(2024, 1, 1), null, null,
                null, 1, UnitSector.PUBLIC_SERVICE_UNIT);
        var event = new InitiativeEvent(UUID.randomUUID(), InitiativeEvent.Type.SUBMITTED,
                Instant.parse("2024-04-15T03:00:00Z"), UUID.randomUUID(), 2, "1TRIEU-SANGKIEN", state.id(),
                state.provinceId(), InitiativeStatus.SUBMITTED, List.of("m-1"), Instant.parse("2024-04-15T03:00:00Z"),
                null, null, "HEALTHCARE");

        assertThat(EventJson.read(EventJson.write(state), OrgUnitState.class)).isEqualTo(state);
        assertThat(EventJson.write(state)).contains("\"sector\":\"PUBLIC_SERVICE_UNIT\"");
        assertThat(EventJson.read(EventJson.write(event), InitiativeEvent.class).field()).isEqualTo("HEALTHCARE");
        String older = EventJson.write(state).replace(",\"sector\":\"PUBLIC_SERVICE_UNIT\"", "");
        assertThat(EventJson.read(older, OrgUnitState.class).sector()).isNull();
    }

    @Test
    void aSectorThisReaderDoesNotKnowReadsAsOther() {
        var state = new OrgUnitState(UUID.randomUUID(), "42-002", "Công đoàn Hợp tác xã", OrgUnitType.GRASSROOTS,
                UUID.randomUUID(), UUID.randomUUID(), null, null, null, null, null, 1, UnitSector.OTHER);
        String later = EventJson.write(state).replace("\"OTHER\"", "\"COOPERATIVE\"");

        assertThat(EventJson.read(later, OrgUnitState.class).sector()).isEqualTo(UnitSector.OTHER);
    }

    @Test
    void malformedJsonIsRejectedWithTheTypeName() {
        assertThatThrownBy(() -> EventJson.read("{\"version\":\"x\"", InitiativeEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InitiativeEvent");
    }

    @Test
    void onlyLiveStatusesCount() {
        assertThat(InitiativeStatus.values())
                .filteredOn(InitiativeStatus::countsAsSubmission)
                .containsExactly(InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW,
                        InitiativeStatus.RECOGNIZED, InitiativeStatus.NOT_RECOGNIZED);
    }
}
