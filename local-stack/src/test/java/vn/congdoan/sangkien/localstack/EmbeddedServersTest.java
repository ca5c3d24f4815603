package vn.congdoan.sangkien.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers that the local stack and the tests start are real, and keep their data across a restart. */
class EmbeddedServersTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsCommittedRowsAcrossARestart() throws Exception {
        int port = freePort();
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port, true)) {
            pg.createDatabase("submission");
            pg.createDatabase("submission"); // a second start must not fail on an existing database
            sql(pg, "create table initiative(title text)", "insert into initiative values ('Sáng kiến Hà Tĩnh')");
        }
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port, true);
             var c = DriverManager.getConnection(pg.jdbcUrl("submission"), PostgresServer.USER, PostgresServer.PASSWORD);
             var rs = c.createStatement().executeQuery("select title, version() from initiative")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Sáng kiến Hà Tĩnh");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
        }
    }

    @Test
    void aNewClusterWritesIntoTheWalFilesItReservedInsteadOfCreatingFiles() throws Exception {
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), freePort(), true);
             var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             var s = c.createStatement()) {
            assertThat(pg.created()).isTrue();
            s.execute("create table filler (x int)");
            long beforeAny = walFiles(s);
            switchWal(s, 2);
            assertThat(walFiles(s)).as("a new cluster creates a file at each switch").isEqualTo(beforeAny + 2);

            pg.reserveWal(8);
            var ahead = s.executeQuery(
                    "select count(*) from pg_ls_waldir() where name > pg_walfile_name(pg_current_wal_lsn())");
            ahead.next();
            assertThat(ahead.getLong(1)).isGreaterThanOrEqualTo(8);
            long reserved = walFiles(s);
            switchWal(s, 4);
            assertThat(walFiles(s)).as("switches reuse reserved files").isEqualTo(reserved);
        }
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), freePort(), true)) {
            assertThat(pg.created()).isFalse();
        }
    }

    private static long walFiles(Statement s) throws SQLException {
        var rs = s.executeQuery("select count(*) from pg_ls_waldir() where name ~ '^[0-9A-F]{24}$'");
        rs.next();
        return rs.getLong(1);
    }

    /** Moves to the next WAL file {@code times} times, writing a row into each. */
    private static void switchWal(Statement s, int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            s.execute("select pg_switch_wal()");
            s.execute("insert into filler values (1)");
        }
    }

    @Test
    void kafkaKeepsRecordsAcrossARestart() throws Exception {
        int port = freePort();
        try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), port, true);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("restart-check", 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>("restart-check", "42", "Hà Tĩnh")).get();
        }
        try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), port, true);
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     "bootstrap.servers", kafka.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of("restart-check"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertThat(seen).extracting(ConsumerRecord::value).containsExactly("Hà Tĩnh");
        }
    }

    private static void sql(PostgresServer pg, String... statements) throws SQLException {
        try (var c = DriverManager.getConnection(pg.jdbcUrl("submission"), PostgresServer.USER, PostgresServer.PASSWORD);
             var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
