package vn.congdoan.sangkien.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;

class ReplicaConsumerTest {

    /** A replica of programmes that needs a name, and keeps the batches it is given. */
    private static final class Programmes extends ReplicaConsumer<ProgrammeState> {

        final List<Batch<ProgrammeState>> applied = new ArrayList<>();

        Programmes() {
            super(Map.of(), null, "test.programmes", "programmes.v1", ProgrammeState.class);
        }

        @Override
        protected void check(String key, ProgrammeState state) {
            if (state != null && state.name() == null) {
                throw new IllegalArgumentException("name is required");
            }
        }

        @Override
        protected void apply(Batch<ProgrammeState> batch) {
            applied.add(batch);
        }
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, String key, String value) {
        return new ConsumerRecord<>("programmes.v1", partition, offset, key, value);
    }

    private static String programme(String code, String name) {
        return EventJson.write(new ProgrammeState(code, name, null, null, null, List.of(), 1));
    }

    @Test
    void aBatchIsReadAsTheRecordTypeWithTombstonesAndWithoutWhatCannotBeRead() {
        Programmes replica = new Programmes();

        replica.handle(List.of(
                record(0, 7, "p-1", programme("p-1", "Một triệu sáng kiến")),
                record(0, 8, "p-2", "{not json"),
                record(1, 3, "p-3", null),
                record(1, 4, "p-4", programme("p-4", null))));

        assertThat(replica.applied).hasSize(1);
        ReplicaConsumer.Batch<ProgrammeState> batch = replica.applied.get(0);
        assertThat(batch.changes()).extracting(ReplicaConsumer.Change::key).containsExactly("p-1", "p-3");
        assertThat(batch.changes().get(0).state().name()).isEqualTo("Một triệu sáng kiến");
        assertThat(batch.changes().get(1).state()).isNull();
        // where the batch ends in each partition, the records skipped included
        assertThat(batch.nextOffsets()).isEqualTo(Map.of(0, 9L, 1, 5L));
    }

    @Test
    void aReplicaNotStartedStopsQuietly() {
        new Programmes().stop();
    }
}
