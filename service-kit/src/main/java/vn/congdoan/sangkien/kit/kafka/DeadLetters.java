package vn.congdoan.sangkien.kit.kafka;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The records this service's consumers parked: each with its consumer group, where it was on its topic, its key and
 * value as they came, and why it could not be applied. Written on its own (not in the transaction that failed).
 */
@ApplicationScoped
public class DeadLetters {

    /** A parked record. */
    public record DeadLetter(long id, String consumerGroup, String topic, int partition, long offset, String key,
            String payload, String error, Instant parkedAt) {

        /** The record as the consumer polled it, to apply it again. */
        public ConsumerRecord<String, String> record() {
            return new ConsumerRecord<>(topic, partition, offset, key, payload);
        }
    }

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String COLUMNS = "id, consumer_group, topic, partition, record_offset, record_key, payload, "
            + "error, parked_at";

    private final DataSource dataSource;

    public DeadLetters(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code sangkien_consumer_dead_letters_records} at {@code /q/metrics}: NaN while the database cannot be read. */
    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("sangkien.consumer.dead.letters", this, letters -> {
            try {
                return letters.count();
            } catch (PersistenceException e) {
                return Double.NaN;
            }
        }).baseUnit("records").description("Records the consumers parked, waiting for an operator").register(registry);
    }

    /** Parks a record; parking it again (a batch read again after a restart) changes nothing. */
    public void park(String consumerGroup, ConsumerRecord<String, String> record, Exception why) {
        String error = String.valueOf(why.getMessage());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into dead_letter (consumer_group, topic, partition, record_offset, record_key, payload, error)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            insert.setString(1, consumerGroup);
            insert.setString(2, record.topic());
            insert.setInt(3, record.partition());
            insert.setLong(4, record.offset());
            insert.setString(5, record.key());
            insert.setString(6, record.value());
            insert.setString(7, error.length() > 2_000 ? error.substring(0, 2_000) : error);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Could not park record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
        LOG.errorf("Parked record %s-%d@%d of consumer %s, and went on: %s", record.topic(), record.partition(),
                record.offset(), consumerGroup, error);
    }

    public List<DeadLetter> list(int limit) {
        return query("select " + COLUMNS + " from dead_letter order by id limit ?", limit);
    }

    public Optional<DeadLetter> find(long id) {
        return query("select " + COLUMNS + " from dead_letter where id = ?", id).stream().findFirst();
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select count(*) from dead_letter");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new PersistenceException("Could not count the parked records", e);
        }
    }

    /** @return whether it was there */
    public boolean remove(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from dead_letter where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new PersistenceException("Could not remove parked record " + id, e);
        }
    }

    private List<DeadLetter> query(String sql, long parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setLong(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                List<DeadLetter> letters = new ArrayList<>();
                while (rs.next()) {
                    letters.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant()));
                }
                return letters;
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not read the parked records", e);
        }
    }
}
