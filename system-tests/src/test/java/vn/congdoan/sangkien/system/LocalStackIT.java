package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congdoan.sangkien.localstack.DevTokens;

/**
 * What {@code ./run-local.sh} promises: the launcher brings PostgreSQL, Kafka and the three services up until every
 * readiness check is UP, keeps their data across a restart, and leaves no process behind when stopped.
 */
class LocalStackIT {

    private static final Path HOME = Path.of(System.getProperty("sangkien.home", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void everyServiceBecomesReadyDataSurvivesARestartAndStoppingLeavesNothingBehind() throws Exception {
        Map<String, String> ports = Map.of(
                "LOCAL_POSTGRES_PORT", freePort(), "LOCAL_KAFKA_PORT", freePort(),
                "ORG_UNIT_PORT", freePort(), "SUBMISSION_PORT", freePort(), "RANKING_PORT", freePort());
        String code = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        String orgUnits = "http://localhost:" + ports.get("ORG_UNIT_PORT");

        Process first = start(ports, "first");
        List<ProcessHandle> children = first.descendants().toList();
        assertThat(children).as("PostgreSQL and three services").hasSizeGreaterThanOrEqualTo(4);
        for (String port : List.of(ports.get("ORG_UNIT_PORT"), ports.get("SUBMISSION_PORT"), ports.get("RANKING_PORT"))) {
            HttpResponse<String> ready = get("http://localhost:" + port + "/q/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"");
        }
        String token = "Bearer " + DevTokens.token("it-admin", "TLD", Duration.ofMinutes(10), "NATIONAL_ADMIN");
        String haTinh = DevTokens.unitId("42");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(orgUnits + "/api/v1/units"))
                .header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"Công đoàn cơ sở "
                        + "Khởi động lại\",\"type\":\"GRASSROOTS\",\"parentId\":\"" + haTinh + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        stop(first, children);

        Process second = start(ports, "second");
        List<ProcessHandle> secondChildren = second.descendants().toList();
        assertThat(get(orgUnits + "/api/v1/units/by-code/" + code, token).body())
                .contains("Công đoàn cơ sở Khởi động lại");
        stop(second, secondChildren);
    }

    private Process start(Map<String, String> ports, String name) throws Exception {
        Path log = data.resolve("launcher-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", HOME.resolve("local-stack/target/local-stack-1.0.0-SNAPSHOT.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(ports);
        pb.environment().put("SANGKIEN_HOME", HOME.toString());
        pb.environment().put("SANGKIEN_DATA_DIR", data.resolve("stack").toString());
        pb.environment().put("SERVICE_JAVA_OPTS", "-Xmx192m -XX:TieredStopAtLevel=1");
        Process process = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (out.contains("All services ready")) {
                return process;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The launcher exited:\n" + out);
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new AssertionError("Not ready in time:\n" + Files.readString(log));
    }

    private static void stop(Process launcher, List<ProcessHandle> children) throws InterruptedException {
        launcher.destroy();
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS))
                .as("the launcher stops on SIGTERM").isTrue();
        Instant deadline = Instant.now().plusSeconds(20);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(children).as("processes left behind").noneMatch(ProcessHandle::isAlive);
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }
}
