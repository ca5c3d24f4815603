package vn.congdoan.sangkien.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import vn.congdoan.sangkien.events.Topics;

/**
 * deploy/kubernetes cannot be applied on the build machines, so it is checked against the code, as
 * {@link DeploymentConfigTest} checks docker-compose.yml: every setting a service reads is given or has a default that
 * works in a cluster, every setting given is read, every host and port named exists, ports and probe paths are the
 * services', the Kafka topics are those of {@code Topics.java} with the settings the services would create them with,
 * and the overlays change sizes only.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Map<String, String> DATABASES = Map.of("org-unit-service", "orgunit",
            "submission-service", "submission", "ranking-service", "ranking");
    private static final Map<String, String> JAVA_OPTS = Map.of("org-unit-service", LocalStack.ORG_UNIT_JAVA_OPTS,
            "submission-service", LocalStack.DEFAULT_SERVICE_JAVA_OPTS, "ranking-service", LocalStack.RANKING_JAVA_OPTS);
    /** Settings whose defaults are the local stack's or the development key's: a cluster must give them. */
    private static final Set<String> MUST_BE_GIVEN = Set.of("DB_URL", "DB_USER", "DB_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "JWT_PUBLIC_KEY_LOCATION", "JWT_ISSUER");
    /** Settings whose empty default means "as the code says": Topics.java's partitions, kept for ever. */
    /** Settings whose empty default is what production wants: no CORS origin is allowed until one is named. */
    private static final Set<String> OPTIONAL = Set.of("KAFKA_TOPIC_PARTITIONS", "KAFKA_TOPIC_RETENTION",
            "CORS_ORIGINS");
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    private static final Pattern PORT_DEFAULT = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{HTTP_PORT:(\\d+)}$");

    private final List<Map<String, Object>> base = documents(KUBERNETES.resolve("base"));

    @Test
    void everyServiceRunsTwoInstancesAtLeastWithADisruptionBudget() {
        for (String service : DATABASES.keySet()) {
            Map<String, Object> deployment = resource("Deployment", service);
            Map<String, Object> autoscaler = find("HorizontalPodAutoscaler", service);
            int least = autoscaler != null ? (Integer) get(autoscaler, "spec", "minReplicas")
                    : (Integer) get(deployment, "spec", "replicas");
            assertThat(least).as(service + " instances").isGreaterThanOrEqualTo(2);
            if (autoscaler != null) {
                assertThat(map(get(deployment, "spec"))).as(service + ": replicas belong to its autoscaler")
                        .doesNotContainKey("replicas");
                assertThat(get(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo(service);
            }
            Map<String, Object> budget = resource("PodDisruptionBudget", service);
            assertThat(get(budget, "spec", "selector", "matchLabels"))
                    .isEqualTo(get(deployment, "spec", "selector", "matchLabels"));
            assertThat(get(budget, "spec", "maxUnavailable")).isEqualTo(1);
        }
        assertThat(find("HorizontalPodAutoscaler", "submission-service")).isNotNull();
        assertThat(find("HorizontalPodAutoscaler", "ranking-service")).isNotNull();
    }

    @Test
    void portsAndProbesAreTheServices() throws IOException {
        for (String service : DATABASES.keySet()) {
            String properties = Files.readString(ROOT.resolve(service)
                    .resolve("src/main/resources/application.properties"));
            Matcher port = PORT_DEFAULT.matcher(properties);
            assertThat(port.find()).as(service + " reads its port from HTTP_PORT").isTrue();
            // the health and metrics paths below are Quarkus' defaults: nothing may move them
            assertThat(properties).doesNotContain("root-path");
            Map<String, Object> container = container(service);
            assertThat(environment(service)).containsEntry("HTTP_PORT", port.group(1));
            assertThat(get(container, "ports")).isEqualTo(List.of(Map.of("name", "http",
                    "containerPort", Integer.parseInt(port.group(1)))));
            assertThat(probe(container, "startupProbe")).isEqualTo("/q/health/started");
            assertThat(probe(container, "livenessProbe")).isEqualTo("/q/health/live");
            assertThat(probe(container, "readinessProbe")).isEqualTo("/q/health/ready");
            Map<String, Object> ports = first(get(resource("Service", service), "spec", "ports"));
            assertThat(ports).containsEntry("port", Integer.parseInt(port.group(1))).containsEntry("targetPort", "http");
        }
    }

    @Test
    void everySettingAServiceReadsIsGivenOrDefaultedAndEverySettingGivenIsRead() throws IOException {
        for (String service : DATABASES.keySet()) {
            Set<String> read = DeploymentConfigTest.settingsRead(service);
            Map<String, String> given = environment(service);
            assertThat(given.keySet()).as("settings given to %s that it does not read", service).isSubsetOf(read);
            assertThat(given.keySet()).as("settings %s must be given in a cluster", service)
                    .containsAll(MUST_BE_GIVEN);
            String properties = properties(service);
            Map<String, String> defaults = new HashMap<>();
            Matcher m = ENV_DEFAULT.matcher(properties);
            while (m.find()) {
                defaults.put(m.group(1), m.group(2));
            }
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(given.keySet());
            missing.removeAll(OPTIONAL);
            // a setting properties do not name is a key of the service's @ConfigMapping, defaulted there
            missing.removeIf(name -> !properties.contains("${" + name));
            missing.removeIf(name -> defaults.containsKey(name) && !defaults.get(name).isEmpty());
            assertThat(missing).as("settings of %s neither given nor defaulted", service).isEmpty();
        }
    }

    @Test
    void databasesCredentialsAndTheBrokerAreThoseDeclared() {
        Map<String, Object> postgres = resource("Cluster", "sangkien-db");
        Map<String, String> owners = new HashMap<>();
        owners.put((String) get(postgres, "spec", "bootstrap", "initdb", "database"),
                (String) get(postgres, "spec", "bootstrap", "initdb", "owner"));
        base.stream().filter(d -> "Database".equals(d.get("kind")))
                .forEach(d -> owners.put((String) get(d, "spec", "name"), (String) get(d, "spec", "owner")));
        Map<String, String> secrets = new HashMap<>();
        secrets.put((String) get(postgres, "spec", "bootstrap", "initdb", "owner"),
                (String) get(postgres, "spec", "bootstrap", "initdb", "secret", "name"));
        List<Map<String, Object>> roles = list(get(postgres, "spec", "managed", "roles"));
        roles.forEach(r -> secrets.put((String) r.get("name"), (String) get(r, "passwordSecret", "name")));

        String kafka = (String) get(resource("Kafka", "sangkien"), "metadata", "name");
        List<Map<String, Object>> listeners = list(get(resource("Kafka", kafka), "spec", "kafka", "listeners"));
        for (String service : DATABASES.keySet()) {
            String database = DATABASES.get(service);
            Map<String, String> env = environment(service);
            assertThat(env.get("DB_URL")).isEqualTo("jdbc:postgresql://" + get(postgres, "metadata", "name")
                    + "-rw:5432/" + database);
            String owner = owners.get(database);
            assertThat(owner).as("the owner of database " + database).isNotNull();
            assertThat(secretOf(service, "DB_USER")).isEqualTo(secrets.get(owner) + "/username");
            assertThat(secretOf(service, "DB_PASSWORD")).isEqualTo(secrets.get(owner) + "/password");
            String[] broker = env.get("KAFKA_BOOTSTRAP_SERVERS").split(":");
            assertThat(broker[0]).isEqualTo(kafka + "-kafka-bootstrap");
            assertThat(listeners).anySatisfy(l -> assertThat(l.get("port")).isEqualTo(Integer.parseInt(broker[1])));
            String key = env.get("JWT_PUBLIC_KEY_LOCATION").replaceFirst("^file:", "");
            List<Map<String, Object>> mounts = list(container(service).get("volumeMounts"));
            assertThat(mounts).as(service + " mounts the token issuer's key")
                    .anySatisfy(m -> assertThat(key).startsWith(m.get("mountPath") + "/"));
        }
    }

    @Test
    void kafkaTopicsAreThoseOfTopicsJavaWithTheServicesSettings() throws IllegalAccessException {
        Map<String, String> config = configMap();
        int copies = Integer.parseInt(config.get("KAFKA_REPLICATION_FACTOR"));
        String inSync = config.get("KAFKA_MIN_INSYNC_REPLICAS");
        Map<String, Integer> partitions = new HashMap<>();
        for (String pair : config.getOrDefault("KAFKA_TOPIC_PARTITIONS", "").split(",")) {
            if (!pair.isBlank()) {
                partitions.put(pair.split("=")[0].strip(), Integer.parseInt(pair.split("=")[1].strip()));
            }
        }
        assertThat(config).doesNotContainKey("KAFKA_TOPIC_RETENTION");
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        base.stream().filter(d -> "KafkaTopic".equals(d.get("kind")))
                .forEach(d -> declared.put((String) get(d, "spec", "topicName"), d));
        assertThat(declared.keySet()).isEqualTo(topicNames());
        Map<String, Object> pool = resource("KafkaNodePool", "sangkien-kafka-nodes");
        assertThat((Integer) get(pool, "spec", "replicas")).isGreaterThanOrEqualTo(copies);
        for (Map<String, Object> topic : declared.values()) {
            Topics.Spec spec = Topics.spec((String) get(topic, "spec", "topicName"));
            assertThat(get(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("sangkien");
            assertThat(get(topic, "spec", "partitions")).as(spec.name() + " partitions")
                    .isEqualTo(partitions.getOrDefault(spec.name(), spec.partitions()));
            assertThat(get(topic, "spec", "replicas")).as(spec.name() + " copies").isEqualTo(copies);
            Map<String, Object> settings = map(get(topic, "spec", "config"));
            assertThat(String.valueOf(settings.get("min.insync.replicas"))).isEqualTo(inSync);
            if (spec.cleanup() == Topics.Cleanup.COMPACT) {
                assertThat(settings).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
            } else {
                assertThat(settings).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", -1);
            }
        }
    }

    /** A limit below the heap's maximum and what the JVM holds beside it would have the pod killed under load. */
    @Test
    void memoryLimitsHoldTheHeapAndWhatTheJvmKeepsBesideIt() {
        for (String service : DATABASES.keySet()) {
            Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(JAVA_OPTS.get(service));
            assertThat(heap.find()).isTrue();
            Map<String, Object> resources = map(container(service).get("resources"));
            int limit = mebibytes((String) get(resources, "limits", "memory"));
            int request = mebibytes((String) get(resources, "requests", "memory"));
            assertThat(limit).as(service + " memory limit").isGreaterThanOrEqualTo(Integer.parseInt(heap.group(1)) + 240);
            assertThat(request).as(service + " memory request").isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(256);
        }
    }

    /** Overlays size things and name the namespace, images and issuer; they leave alone what this test checks. */
    @Test
    void overlaysChangeSizesOnly() throws IOException {
        try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
            for (Path overlay : overlays.toList()) {
                Map<String, Object> kustomization = new Yaml().load(Files.readString(overlay.resolve("kustomization.yaml")));
                assertThat(String.valueOf(kustomization.get("resources"))).as(overlay + " resources").contains("../../base");
                for (Map<String, Object> patch : list(kustomization.getOrDefault("patches", List.of()))) {
                    assertThat(get(patch, "target", "kind")).as(overlay + " patches")
                            .isIn("HorizontalPodAutoscaler", "Cluster", "KafkaNodePool");
                }
                for (Map<String, Object> generator : list(kustomization.getOrDefault("configMapGenerator", List.of()))) {
                    assertThat(generator.get("name")).isEqualTo("sangkien-config");
                    assertThat((List<?>) generator.get("literals")).allSatisfy(l -> assertThat(l).asString()
                            .startsWith("JWT_ISSUER="));
                }
            }
        }
    }

    // --- reading the manifests

    private static List<Map<String, Object>> documents(Path dir) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        documents.add(map(document));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return documents;
    }

    private Map<String, Object> find(String kind, String name) {
        return base.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(get(d, "metadata", "name")))
                .findFirst().orElse(null);
    }

    private Map<String, Object> resource(String kind, String name) {
        Map<String, Object> found = find(kind, name);
        assertThat(found).as(kind + " " + name + " in deploy/kubernetes/base").isNotNull();
        return found;
    }

    private Map<String, Object> container(String service) {
        List<Map<String, Object>> containers = list(get(resource("Deployment", service), "spec", "template", "spec",
                "containers"));
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private Map<String, String> configMap() {
        Map<String, String> data = new TreeMap<>();
        map(get(resource("ConfigMap", "sangkien-config"), "data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

    /** What a service's container is given: the ConfigMaps it takes whole, and its own env (a Secret's as name/key). */
    private Map<String, String> environment(String service) {
        Map<String, Object> container = container(service);
        Map<String, String> env = new TreeMap<>();
        for (Map<String, Object> from : list(container.getOrDefault("envFrom", List.of()))) {
            assertThat(get(from, "configMapRef", "name")).isEqualTo("sangkien-config");
            env.putAll(configMap());
        }
        for (Map<String, Object> variable : list(container.getOrDefault("env", List.of()))) {
            Object value = variable.containsKey("value") ? variable.get("value")
                    : get(variable, "valueFrom", "secretKeyRef", "name") + "/"
                            + get(variable, "valueFrom", "secretKeyRef", "key");
            env.put((String) variable.get("name"), String.valueOf(value));
        }
        return env;
    }

    private String secretOf(String service, String name) {
        return list(container(service).get("env")).stream().filter(v -> name.equals(v.get("name")))
                .map(v -> get(v, "valueFrom", "secretKeyRef", "name") + "/" + get(v, "valueFrom", "secretKeyRef", "key"))
                .findFirst().orElse(null);
    }

    private static String probe(Map<String, Object> container, String probe) {
        assertThat(get(container, probe, "httpGet", "port")).as(probe + " port").isEqualTo("http");
        return (String) get(container, probe, "httpGet", "path");
    }

    /** A service's application.properties and the kit's, which every service reads. */
    private static String properties(String service) throws IOException {
        return Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))
                + "\n" + Files.readString(DeploymentConfigTest.KIT_CONFIG);
    }

    private static Set<String> topicNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static int mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        return Integer.parseInt(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    private static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<?, ?>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }

    private static Map<String, Object> first(Object node) {
        return list(node).get(0);
    }
}
