package vn.congdoan.sangkien.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run on the build machines, so it is checked against the code: every setting it
 * gives a service is one the service reads, every host and port it names exists in the file, and every setting a
 * service reads is documented: all of them in docs/operations.md, and those not every service reads also in the
 * README of each service that reads them.
 */
class DeploymentConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("org-unit-service", "submission-service", "ranking-service");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern HOST_PORT = Pattern.compile("(?:^|//|,|@)([a-z][a-z0-9-]*):(\\d+)");
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    private static final Pattern MAPPING = Pattern.compile("^(\\s*)@ConfigMapping\\(prefix = \"([a-z0-9.-]+)\"\\)");
    /** Settings of the kit that every service reads, stated once for all of them. */
    static final Path KIT_CONFIG = ROOT.resolve(
            "service-kit/src/main/resources/META-INF/microprofile-config.properties");

    @Test
    void composeGivesEachServiceOnlySettingsItReads() throws IOException {
        Map<String, Map<String, Object>> compose = services();
        for (String service : SERVICES) {
            assertThat(compose).as("docker-compose.yml defines %s", service).containsKey(service);
            Set<String> read = settingsRead(service);
            assertThat(environment(compose.get(service)).keySet())
                    .as("settings docker-compose.yml gives %s that it does not read", service)
                    .isSubsetOf(read);
        }
    }

    @Test
    void composeNamesOnlyHostsAndPortsItDefines() throws IOException {
        Map<String, Map<String, Object>> compose = services();
        List<String> wrong = new ArrayList<>();
        for (String service : SERVICES) {
            environment(compose.get(service)).forEach((key, value) -> {
                Matcher m = HOST_PORT.matcher(String.valueOf(value));
                while (m.find()) {
                    String host = m.group(1);
                    int port = Integer.parseInt(m.group(2));
                    if (!compose.containsKey(host)) {
                        wrong.add(service + " " + key + ": no service named " + host);
                    } else if (!listeningPorts(host, compose.get(host)).contains(port)) {
                        wrong.add(service + " " + key + ": " + host + " does not listen on " + port
                                + " (it listens on " + listeningPorts(host, compose.get(host)) + ")");
                    }
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void composeBuildsEachServiceFromItsDockerfileAndChecksItsHealth() throws IOException {
        Map<String, Map<String, Object>> compose = services();
        for (String service : SERVICES) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) compose.get(service).get("build");
            Path dockerfile = ROOT.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile")));
            assertThat(dockerfile).as(service + " Dockerfile").exists();
            assertThat(dockerfile.getFileName()).hasToString("Dockerfile.jvm");
            assertThat(compose.get(service)).as(service + " healthcheck").containsKey("healthcheck");
            assertThat(String.valueOf(compose.get(service).get("healthcheck"))).contains("/q/health/ready");
        }
    }

    @Test
    void kafkaKeepsItsDataInItsVolume() throws IOException {
        Map<String, Object> kafka = services().get("kafka");
        Object logDirs = environment(kafka).get("KAFKA_LOG_DIRS");
        // the image's default is /tmp/kraft-combined-logs, outside any volume: a new container would lose every topic
        assertThat(logDirs).as("KAFKA_LOG_DIRS").isNotNull();
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) kafka.get("volumes");
        Set<String> named = volumeNames();
        assertThat(volumes).as("kafka's volumes").anySatisfy(volume -> {
            String[] parts = volume.split(":");
            assertThat(named).contains(parts[0]);
            assertThat(parts[1]).isEqualTo(logDirs);
        });
    }

    /** PostgreSQL keeps WAL files for reuse as the local stack's does (see PostgresServer#MIN_WAL_SIZE). */
    @Test
    void postgresKeepsTheWalOfTheLocalStack() throws IOException {
        Object command = services().get("postgres").get("command");
        assertThat(command).as("postgres' command").isInstanceOf(List.class);
        assertThat(String.join(" ", ((List<?>) command).stream().map(String::valueOf).toList()))
                .contains("min_wal_size=" + PostgresServer.MIN_WAL_SIZE)
                .contains("max_wal_size=" + PostgresServer.MAX_WAL_SIZE);
    }

    /**
     * The images run the JVM options the local stack runs (the memory figures in benchmarks/README.md are measured
     * with those), and choose the collector through the image's GC_CONTAINER_OPTIONS: its launcher adds
     * -XX:+UseParallelGC otherwise, and a JVM given two collectors does not start.
     */
    @Test
    void dockerfilesRunTheJvmOptionsOfTheLocalStack() throws IOException {
        Map<String, String> local = Map.of("org-unit-service", LocalStack.ORG_UNIT_JAVA_OPTS,
                "submission-service", LocalStack.DEFAULT_SERVICE_JAVA_OPTS,
                "ranking-service", LocalStack.RANKING_JAVA_OPTS);
        Set<String> trim = Set.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");
        for (String service : SERVICES) {
            String dockerfile = Files.readString(ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            Set<String> appended = options(dockerEnv(dockerfile, "JAVA_OPTS_APPEND"));
            appended.removeIf(o -> o.startsWith("-Djava.util.logging.manager=") || trim.contains(o));
            Set<String> expected = options(local.get(service));
            expected.removeAll(trim);
            Set<String> collector = new TreeSet<>(expected);
            collector.removeIf(o -> !o.matches("-XX:\\+Use\\w+GC"));
            expected.removeAll(collector);
            assertThat(collector).as(service + ": ./run-local.sh names the collector").hasSize(1);
            assertThat(appended).as(service + " JAVA_OPTS_APPEND").isEqualTo(expected);
            assertThat(options(dockerEnv(dockerfile, "GC_CONTAINER_OPTIONS"))).as(service + " GC_CONTAINER_OPTIONS")
                    .isEqualTo(collector);
            LocalStack.MALLOC_SETTINGS.forEach((name, value) -> assertThat(dockerfile)
                    .as(service + ": the C library's heap settings of the local stack")
                    .containsPattern("(?m)^ENV .*\\b" + name + "=" + value + "\\b"));
        }
    }

    private static String dockerEnv(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(m.find()).as("ENV " + name).isTrue();
        return m.group(1);
    }

    private static Set<String> options(String line) {
        return new TreeSet<>(List.of(line.trim().split("\\s+")));
    }

    @Test
    void operationsDocumentsEverySettingTheServicesAndTheLauncherRead() throws IOException {
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        Set<String> settings = new TreeSet<>();
        for (String service : SERVICES) {
            settings.addAll(settingsRead(service));
        }
        Matcher launcher = Pattern.compile("(?:env|intEnv)\\(\"([A-Z0-9_]+)\"")
                .matcher(Files.readString(ROOT.resolve(
                        "local-stack/src/main/java/vn/congdoan/sangkien/localstack/LocalStack.java")));
        while (launcher.find()) {
            settings.add(launcher.group(1));
        }
        assertThat(settings).isNotEmpty();
        assertThat(settings).allSatisfy(name -> assertThat(operations)
                .as("docs/operations.md documents " + name).contains("`" + name + "`"));
    }

    /** A service's README lists the settings that are its own, beside its API. */
    @Test
    void eachServiceReadmeDocumentsTheSettingsNotEveryServiceReads() throws IOException {
        Set<String> common = new TreeSet<>(settingsRead(SERVICES.get(0)));
        for (String service : SERVICES) {
            common.retainAll(settingsRead(service));
        }
        for (String service : SERVICES) {
            String readme = Files.readString(ROOT.resolve(service).resolve("README.md"));
            Set<String> own = settingsRead(service);
            own.removeAll(common);
            assertThat(own).allSatisfy(name -> assertThat(readme)
                    .as(service + "/README.md documents " + name + ", a setting not every service reads")
                    .contains("`" + name + "`"));
        }
    }

    /**
     * Where docs/operations.md gives a setting's default as one value, it is the default the code has: stated once,
     * in a {@code @WithDefault} or a {@code ${VAR:default}}, and not restated differently in the docs.
     */
    @Test
    void operationsStatesTheDefaultsTheCodeHas() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\| `([^`]+)` \\|").matcher(
                Files.readString(ROOT.resolve("docs/operations.md")));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        List<String> wrong = new ArrayList<>();
        for (String service : SERVICES) {
            settings(service).forEach((name, value) -> {
                if (value != null && documented.containsKey(name) && !sameValue(documented.get(name), value)) {
                    wrong.add(service + " " + name + ": the code says " + value + ", docs/operations.md "
                            + documented.get(name));
                }
            });
        }
        assertThat(documented).as("rows with a default read").isNotEmpty();
        assertThat(wrong).isEmpty();
    }

    /** Durations as SmallRye Config reads them ({@code 60S} is {@code 1M}), other values ignoring case. */
    private static boolean sameValue(String a, String b) {
        Matcher x = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)").matcher(a.strip());
        Matcher y = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)").matcher(b.strip());
        if (x.matches() && y.matches()) {
            return millis(x) == millis(y);
        }
        return a.strip().equalsIgnoreCase(b.strip());
    }

    private static double millis(Matcher duration) {
        double amount = Double.parseDouble(duration.group(1));
        return amount * switch (duration.group(2).toLowerCase()) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
    }

    /** The environment variables a service reads: see {@link #settings}. */
    static Set<String> settingsRead(String service) throws IOException {
        return new TreeSet<>(settings(service).keySet());
    }

    /**
     * What a service reads, by environment variable, with its default where one is stated: the variables named in its
     * application.properties and in the kit's shared microprofile-config.properties ({@code ${VAR:default}}), and the
     * keys of its own and the kit's {@code @ConfigMapping} interfaces, by the variable SmallRye Config reads them from
     * ({@code outbox.retention} from {@code OUTBOX_RETENTION}).
     */
    private static Map<String, String> settings(String service) throws IOException {
        String properties = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))
                + "\n" + Files.readString(KIT_CONFIG);
        Map<String, String> settings = new TreeMap<>();
        Matcher m = ENV_REFERENCE.matcher(properties);
        while (m.find()) {
            settings.put(m.group(1), null);
        }
        Matcher d = ENV_DEFAULT.matcher(properties);
        while (d.find()) {
            settings.put(d.group(1), d.group(2));
        }
        List<Path> sources = new ArrayList<>();
        for (Path tree : List.of(ROOT.resolve(service).resolve("src/main/java"),
                ROOT.resolve("service-kit/src/main/java"))) {
            try (var files = Files.walk(tree)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        for (Path source : sources) {
            // an environment variable overrides a key application.properties gives, so every key is a setting, read
            // from the variable of its name unless the properties name another (${KAFKA_REPLICATION_FACTOR:3})
            mapped(Files.readAllLines(source)).forEach((key, value) -> {
                if (!Pattern.compile("(?m)^" + Pattern.quote(key) + "=\\$\\{").matcher(properties).find()) {
                    settings.put(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(), value);
                }
            });
        }
        return settings;
    }

    /** The keys of the {@code @ConfigMapping} interfaces of a source file, with their defaults (null: none). */
    static Map<String, String> mapped(List<String> lines) {
        Map<String, String> keys = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher mapping = MAPPING.matcher(lines.get(i));
            if (mapping.find()) {
                int body = i + 1;
                while (!lines.get(body).contains("interface ")) {
                    body++;
                }
                members(lines, body + 1, mapping.group(1).length() + 4, mapping.group(2), keys);
            }
        }
        return keys;
    }

    private static void members(List<String> lines, int from, int indent, String prefix, Map<String, String> keys) {
        String in = " ".repeat(indent);
        Pattern member = Pattern.compile("^" + in + "([\\w][\\w<>, .]*) (\\w+)\\(\\);$");
        String name = null;
        String value = null;
        for (int i = from; i < lines.size() && !lines.get(i).equals(" ".repeat(indent - 4) + "}"); i++) {
            String line = lines.get(i);
            Matcher withName = Pattern.compile("^" + in + "@WithName\\(\"([^\"]+)\"\\)").matcher(line);
            Matcher withDefault = Pattern.compile("^" + in + "@WithDefault\\(\"([^\"]*)\"\\)").matcher(line);
            Matcher m = member.matcher(line);
            if (withName.find()) {
                name = withName.group(1);
            } else if (withDefault.find()) {
                value = withDefault.group(1);
            } else if (m.find()) {
                String key = prefix + "." + (name != null ? name
                        : m.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
                int group = nested(lines, m.group(1));
                if (group >= 0) {
                    members(lines, group + 1, indentOf(lines.get(group)) + 4, key, keys);
                } else {
                    keys.put(key, value);
                }
                name = null;
                value = null;
            }
        }
    }

    /** The line declaring the nested interface {@code type}, or -1. */
    private static int nested(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s+(?:public )?interface " + Pattern.quote(type) + " \\{")) {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> volumeNames() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return ((Map<String, Object>) file.get("volumes")).keySet();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) file.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        return env == null ? Map.of() : (Map<String, Object>) env;
    }

    private static Set<Integer> listeningPorts(String name, Map<String, Object> service) {
        Set<Integer> ports = new TreeSet<>();
        Map<String, Object> env = environment(service);
        if (name.equals("postgres")) {
            ports.add(5432);
        }
        Object listeners = env.get("KAFKA_LISTENERS");
        if (listeners != null) {
            Matcher m = Pattern.compile(":(\\d+)").matcher(listeners.toString());
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        Object http = env.get("HTTP_PORT");
        if (http != null) {
            ports.add(Integer.parseInt(http.toString()));
        }
        return ports;
    }
}
