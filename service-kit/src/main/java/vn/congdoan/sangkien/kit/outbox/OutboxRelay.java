package vn.congdoan.sangkien.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;
import vn.congdoan.sangkien.kit.kafka.KafkaClientMeters;
import vn.congdoan.sangkien.kit.kafka.TopicAdmin;
import vn.congdoan.sangkien.kit.tracing.TraceContext;

/**
 * Moves outbox rows to Kafka: in one transaction it reads a batch of waiting rows in insertion order, sends it,
 * waits for the broker's acknowledgement and marks the rows published. A crash between send and commit sends the
 * batch again, so delivery is at least once and consumers deduplicate. A PostgreSQL advisory lock keeps one active
 * relay across instances, so no row is published by two relays at once and each key's records keep their order.
 * Published rows are deleted once they are older than the retention period. Events that are {@link
 * vn.congdoan.sangkien.events.CloudEvent}s carry CloudEvents headers (binary content mode).
 *
 * <p>A row the broker refuses for what it is — a topic no service knows, a record too large — is no outage: the rows
 * before it are published, it is tried again after a pause, and after {@code outbox.max-attempts} it is parked
 * ({@code blocked_at}, with its error) so that the rows after it go on. Parked rows raise {@code /q/health/well}, and
 * national administrators retry or discard them ({@link OutboxAdminResource}). Consumers apply events by version, so
 * an event published late, after later ones of its initiative, changes nothing it should not.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock whose holder is the one relay publishing, across instances. */
    public static final long RELAY_LOCK = 0x5A4E4B_0001L;
    private static final String WAITING = """
            select id, topic, record_key, payload, event_id, event_type, occurred_at, trace_parent from outbox_event
            where published_at is null and blocked_at is null order by id limit ?""";
    private static final String PUBLISHED = "update outbox_event set published_at = ? where id = any(?)";
    private static final int CLEANUP_CHUNK = 10_000;

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final TopicAdmin topics;
    private final Map<String, Object> kafkaConfig;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Instant nextCleanup = Instant.EPOCH;
    private Thread thread;
    private KafkaProducer<String, String> producer; // used by the relay thread only
    private KafkaClientMetrics producerMeters;

    public OutboxRelay(DataSource dataSource, OutboxConfig config, TopicAdmin topics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.dataSource = dataSource;
        this.config = config;
        this.topics = topics;
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the relay: it finishes its round and closes its producer itself, so the producer is never closed under a
     * round still using it.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            wakeUp.release();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("The outbox relay did not finish its round in time; its events are sent again at the next start");
            }
        }
    }

    /** A fresh producer after a failure starts a clean idempotence session for the batch that is sent again. */
    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            producerMeters = KafkaClientMeters.bind(producer);
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producerMeters.close();
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** Called after a transaction that wrote to the outbox has committed. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        try {
            relayUntilStopped();
        } finally {
            closeProducer();
        }
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                long started = System.nanoTime();
                Round round = QuarkusTransaction.requiringNew().timeout(30).call(this::relayBatch);
                int sent = round.published();
                if (round.refused()) {
                    pause();
                } else if (sent < config.batchSize()) {
                    if (Instant.now().isAfter(nextCleanup)) {
                        int deleted = QuarkusTransaction.requiringNew().timeout(60).call(this::deleteExpired);
                        // a full chunk leaves more behind: the next round goes on deleting
                        nextCleanup = deleted < CLEANUP_CHUNK ? Instant.now().plus(config.cleanupInterval())
                                : Instant.EPOCH;
                    }
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                    if (sent > 0) {
                        gather(started);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay attempt failed, retrying in %s: %s", config.retryBackoff(), e.getMessage());
                closeProducer();
                pause();
            }
        }
    }

    /** What a round did: the rows it published, and whether the broker refused a row for what it is. */
    private record Round(int published, boolean refused) {
    }

    /** A row of the outbox waiting for the broker. */
    private record Waiting(long id, String topic, String key, String payload, UUID eventId, String eventType,
            Instant occurredAt, String traceParent) {
    }

    /**
     * One batch, in plain JDBC on the transaction's connection: the relay runs tens of times a second under load, and
     * reading and marking its rows through Hibernate had been most of its CPU (see benchmarks/FINDINGS.md, "Measurements behind the code's choices").
     */
    private Round relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!locked(connection)) {
                return new Round(0, false);
            }
            List<Waiting> batch = waiting(connection);
            if (batch.isEmpty()) {
                return new Round(0, false);
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            KafkaProducer<String, String> producer = producer();
            int refused = -1;
            Throwable why = null;
            for (int i = 0; i < batch.size() && refused < 0; i++) {
                Waiting row = batch.get(i);
                try {
                    topics.ensure(row.topic());
                    Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(row.topic(), null, row.key(),
                            row.payload(), headers(row)));
                    if (ack.isDone()) {
                        // Refused at once: a record too large, or no metadata within max.block.ms (the broker is
                        // away). Stop here: sending the rest would take max.block.ms a row, past the transaction's
                        // timeout and its lock, and a later row could reach the broker before this one.
                        ack.get();
                    }
                    acks.add(ack);
                } catch (IllegalArgumentException | ExecutionException e) {
                    why = e instanceof ExecutionException ? e.getCause() : e;
                    if (!refusedForWhatItIs(why)) {
                        throw e;
                    }
                    refused = i;
                }
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!refusedForWhatItIs(e.getCause())) {
                        throw e;
                    }
                    // the rows after it may have gone out too: they stay waiting, and consumers deduplicate
                    refused = i;
                    why = e.getCause();
                    break;
                }
            }
            int published = refused < 0 ? batch.size() : refused;
            markPublished(connection, batch.subList(0, published));
            if (refused >= 0) {
                attemptFailed(connection, batch.get(refused), why);
            }
            return new Round(published, refused >= 0);
        }
    }

    /**
     * Whether the broker (or the topics we know) refuses a record for what it is, so that sending it again as it is
     * cannot help; every other failure is the broker's or the network's, and the whole round waits for it.
     */
    static boolean refusedForWhatItIs(Throwable failure) {
        return failure instanceof IllegalArgumentException
                || failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException
                || failure instanceof SerializationException;
    }

    /** Counts an attempt at a refused row; at the last one, parks it with its error. */
    private void attemptFailed(Connection connection, Waiting row, Throwable why) throws SQLException {
        String error = String.valueOf(why.getMessage());
        try (PreparedStatement update = connection.prepareStatement("""
                update outbox_event set attempts = attempts + 1, last_error = ?,
                    blocked_at = case when attempts + 1 >= ? then now() end
                where id = ? returning blocked_at""")) {
            update.setString(1, error.length() > 2_000 ? error.substring(0, 2_000) : error);
            update.setInt(2, config.maxAttempts());
            update.setLong(3, row.id());
            try (ResultSet result = update.executeQuery()) {
                if (result.next() && result.getObject(1) != null) {
                    LOG.errorf("Outbox event %d (%s, %s) was refused %d times and is parked; the events after it go "
                            + "on: %s", row.id(), row.topic(), row.eventType(), config.maxAttempts(), error);
                } else {
                    LOG.warnf("Outbox event %d (%s) was refused, trying again in %s: %s", row.id(), row.topic(),
                            config.retryBackoff(), error);
                }
            }
        }
    }

    private static boolean locked(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private List<Waiting> waiting(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(WAITING)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                List<Waiting> batch = new ArrayList<>();
                while (rows.next()) {
                    OffsetDateTime occurredAt = rows.getObject(7, OffsetDateTime.class);
                    batch.add(new Waiting(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getObject(5, UUID.class), rows.getString(6),
                            occurredAt == null ? null : occurredAt.toInstant(), rows.getString(8)));
                }
                return batch;
            }
        }
    }

    /** One statement, whatever the batch's size (an {@code in} list of each size would be a statement of its own). */
    private static void markPublished(Connection connection, List<Waiting> batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(PUBLISHED)) {
            update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            update.setObject(2, batch.stream().mapToLong(Waiting::id).toArray());
            update.executeUpdate();
        }
    }

    private Iterable<Header> headers(Waiting row) {
        List<Header> headers = new ArrayList<>(7);
        if (row.eventId() != null) {
            headers.add(header("ce_specversion", "1.0"));
            headers.add(header("ce_id", row.eventId().toString()));
            headers.add(header("ce_type", row.eventType()));
            headers.add(header("ce_source", config.source()));
            headers.add(header("ce_time", row.occurredAt().toString()));
            headers.add(header("content-type", "application/json"));
        }
        if (row.traceParent() != null) {
            headers.add(header(TraceContext.HEADER, row.traceParent()));
        }
        return headers;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes published rows past the retention, a bounded number per transaction, oldest id first: rows are
     * published in id order, so the scan finds them at the start of the primary key. Runs whenever the relay is not
     * behind (a stream of writes that never leaves the outbox empty does not put it off).
     */
    private int deleteExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.update(connection, """
                    delete from outbox_event where id in (
                        select id from outbox_event where published_at < ? order by id limit ?)""",
                    Timestamp.from(Instant.now().minus(config.retention())), CLEANUP_CHUNK);
        }
    }

    /** Waits until {@link OutboxConfig#gather()} has passed since the batch that sent something started. */
    private void gather(long batchStarted) throws InterruptedException {
        long left = config.gather().toNanos() - (System.nanoTime() - batchStarted);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
