package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.alert.AlertConfig;
import io.relmon.alert.rules.RulesFile;
import io.relmon.ingest.IngestConfig;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine or cluster here, so the deploy files are checked against the code:
 * every manifest parses; topic names, partitions and configs equal the catalogue; images are
 * pinned to the Kafka client version; each service's environment is accepted by the service's
 * own configuration parser; ports, probe paths and scrape targets agree with it.
 */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
  private static final Path ROOT = DEPLOY.getParent();
  private static final Topics TOPICS = Topics.defaults();
  private static final Map<String, Integer> PORTS = Map.of("ingest", 8081, "scoring", 8082, "alert", 8083);

  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void composeShouldAgreeWithTheCode() throws Exception {
    Map<String, Object> compose = yaml(DEPLOY.resolve("compose/compose.yaml"));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

    int brokers = 0;
    for (var entry : services.entrySet()) {
      String image = String.valueOf(entry.getValue().get("image"));
      if (image.startsWith("apache/kafka")) {
        assertThat(image).as(entry.getKey() + ": the broker image is pinned to the client version")
            .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        brokers += entry.getValue().containsKey("environment")
            && ((Map<String, Object>) entry.getValue().get("environment")).containsKey("KAFKA_NODE_ID") ? 1 : 0;
      }
    }
    assertThat(brokers).as("a 3-broker KRaft cluster").isEqualTo(3);

    for (String service : PORTS.keySet()) {
      Map<String, Object> spec = services.get(service);
      Map<String, String> env = new HashMap<>();
      ((Map<String, Object>) spec.get("environment")).forEach((k, v) -> env.put(k, substitute(String.valueOf(v))));
      int port = configuredPort(service, env);
      assertThat(port).as(service + " port").isEqualTo(PORTS.get(service));
      assertThat((List<String>) spec.get("ports")).as(service + " published port").containsExactly(port + ":" + port);
      assertThat(String.join(" ", (List<String>) ((Map<String, Object>) spec.get("healthcheck")).get("test")))
          .contains("http://localhost:" + port + ServiceHttpServer.READY_PATH);
      assertThat(env.get("RELMON_KAFKA_BOOTSTRAP")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
      assertThat(ROOT.resolve(service + "-service/Dockerfile")).exists();
      assertThat(Files.readString(ROOT.resolve(service + "-service/Dockerfile"))).contains("EXPOSE " + port);
    }
    // The scoring state lives on a volume; the rules file mounted into alert is a valid one.
    assertThat((List<String>) services.get("scoring").get("volumes")).contains("scoring-state:/var/lib/relmon/scoring");
    String rulesMount = ((List<String>) services.get("alert").get("volumes")).stream().filter(v -> v.endsWith("/etc/relmon/rules.yaml:ro"))
        .findFirst().orElseThrow();
    RulesFile.read(DEPLOY.resolve("compose").resolve(rulesMount.split(":")[0]).normalize());

    // topics.sh creates exactly the catalogue.
    Map<String, String> created = new TreeMap<>();
    Pattern line = Pattern.compile("^create (\\S+)\\s+(\\d+) (.*)$");
    for (String l : Files.readAllLines(DEPLOY.resolve("compose/topics.sh"))) {
      Matcher m = line.matcher(l.strip());
      if (m.matches()) {
        created.put(m.group(1), m.group(2) + " " + new TreeMap<>(configs(m.group(3).replace("--config ", ""))));
      }
    }
    assertThat(created).isEqualTo(catalogue());

    // Prometheus in compose scrapes the services where compose runs them.
    String prometheus = Files.readString(DEPLOY.resolve("compose/prometheus.yml"));
    PORTS.forEach((service, port) -> assertThat(prometheus).contains("\"" + service + ":" + port + "\""));
    for (String mount : (List<String>) services.get("prometheus").get("volumes")) {
      assertThat(DEPLOY.resolve("compose").resolve(mount.split(":")[0]).normalize()).exists();
    }
    for (String mount : (List<String>) services.get("grafana").get("volumes")) {
      assertThat(DEPLOY.resolve("compose").resolve(mount.split(":")[0]).normalize()).exists();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesShouldAgreeWithTheCode() throws Exception {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (String file : List.of("kafka.yaml", "topics.yaml", "relmon.yaml")) {
      for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(DEPLOY.resolve("k8s/" + file)))) {
        if (doc != null) {
          docs.add((Map<String, Object>) doc);
        }
      }
    }

    Map<String, Object> kafka = only(docs, "Kafka", "relmon");
    assertThat(path(kafka, "spec.kafka.version")).isEqualTo(AppInfoParser.getVersion());
    assertThat(path(only(docs, "KafkaNodePool", "dual-role"), "spec.replicas")).isEqualTo(3);

    Map<String, String> topics = new TreeMap<>();
    for (Map<String, Object> topic : kind(docs, "KafkaTopic")) {
      Map<String, String> config = new TreeMap<>();
      ((Map<String, Object>) path(topic, "spec.config")).forEach((k, v) -> config.put(k, String.valueOf(v)));
      topics.put((String) path(topic, "spec.topicName"), path(topic, "spec.partitions") + " " + config);
      assertThat(path(topic, "metadata.labels")).isEqualTo(Map.of("strimzi.io/cluster", "relmon"));
    }
    assertThat(topics).isEqualTo(catalogue());

    Map<String, String> config = (Map<String, String>) only(docs, "ConfigMap", "relmon-config").get("data");
    assertThat(config.get("RELMON_KAFKA_BOOTSTRAP")).isEqualTo("relmon-kafka-bootstrap:9092");
    RulesFile.parse(((Map<String, String>) only(docs, "ConfigMap", "relmon-rules").get("data")).get("rules.yaml"), "relmon-rules");
    Map<String, String> secrets = (Map<String, String>) only(docs, "Secret", "relmon-secrets").get("stringData");
    // Applied as it stands, the manifest must not give an API anyone who read it can post to.
    assertThat(io.relmon.ingest.IngestConfig.placeholder(secrets.get("ingest-token")))
        .as("the manifest's sample ingest token is refused at start").isTrue();

    Map<String, String> workloadKinds = Map.of("ingest", "Deployment", "scoring", "StatefulSet", "alert", "Deployment");
    for (String service : PORTS.keySet()) {
      Map<String, Object> workload = only(docs, workloadKinds.get(service), service);
      Map<String, Object> container = ((List<Map<String, Object>>) path(workload, "spec.template.spec.containers")).get(0);
      Map<String, String> env = new HashMap<>(config);
      for (Map<String, Object> e : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
        String value = e.containsKey("value") ? String.valueOf(e.get("value")) : "pod-0";
        if (e.get("name").toString().endsWith("_FILE")) {
          // The secret file as the pod sees it, from the Secret's key of that name.
          String key = value.substring(value.lastIndexOf('/') + 1);
          assertThat(secrets).as("secret key " + key).containsKey(key);
          Path file = dir.resolve(service + "-" + key);
          Files.writeString(file, key.equals("ingest-token") ? "a-token-of-at-least-sixteen-characters" : secrets.get(key));
          value = file.toString();
        }
        env.put(e.get("name").toString(), value);
      }
      int port = configuredPort(service, env);
      Map<String, Object> containerPort = ((List<Map<String, Object>>) container.get("ports")).get(0);
      assertThat(containerPort).isEqualTo(Map.of("name", "http", "containerPort", port));
      assertThat(path(container, "readinessProbe.httpGet")).isEqualTo(Map.of("path", ServiceHttpServer.READY_PATH, "port", "http"));
      assertThat(path(container, "livenessProbe.httpGet")).isEqualTo(Map.of("path", ServiceHttpServer.LIVE_PATH, "port", "http"));
      if (service.equals("ingest")) {
        // The coder's models load before the API listens: liveness waits for a startup probe.
        assertThat(path(container, "startupProbe.httpGet")).isEqualTo(Map.of("path", ServiceHttpServer.LIVE_PATH, "port", "http"));
      }
      Map<String, Object> svc = only(docs, "Service", service);
      assertThat(path(svc, "spec.ports")).isEqualTo(List.of(Map.of("name", "http", "port", port, "targetPort", "http")));
      assertThat(path(svc, "metadata.labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("app.kubernetes.io/part-of", "relmon");
      assertThat(path(svc, "spec.selector")).isEqualTo(path(workload, "spec.selector.matchLabels"));
    }
    Map<String, Object> scoring = only(docs, "StatefulSet", "scoring");
    Map<String, Object> scoringContainer = ((List<Map<String, Object>>) path(scoring, "spec.template.spec.containers")).get(0);
    assertThat((List<Map<String, Object>>) scoringContainer.get("volumeMounts"))
        .contains(Map.of("name", "state", "mountPath", config.get("RELMON_SCORING_STATE_DIR")));

    Map<String, Object> monitor = only(docs, "ServiceMonitor", "relmon");
    assertThat(path(monitor, "spec.endpoints")).isEqualTo(List.of(Map.of("port", "http", "path", ServiceHttpServer.METRICS_PATH,
        "interval", "15s")));
    long scraped = kind(docs, "Service").stream()
        .filter(s -> "relmon".equals(((Map<String, Object>) path(s, "metadata.labels")).get("app.kubernetes.io/part-of"))).count();
    assertThat(scraped).as("each service scraped once (the headless one is not part-of relmon)").isEqualTo(3);
  }

  /** Parses the service's environment with the service's own configuration code; returns its port. */
  private static int configuredPort(String service, Map<String, String> env) {
    Settings settings = Settings.layered(Map.of(), env);
    return switch (service) {
      case "ingest" -> IngestConfig.from(settings, env).port();
      case "scoring" -> ScoringConfig.from(settings, env).port();
      default -> AlertConfig.from(settings, env).port();
    };
  }

  /** Every topic of the catalogue as "partitions {config}". */
  private static Map<String, String> catalogue() {
    Map<String, String> wanted = new TreeMap<>();
    for (Topic<String, ?> topic : TOPICS.all()) {
      wanted.put(topic.name(), topic.partitions() + " " + new TreeMap<>(topic.config()));
    }
    return wanted;
  }

  private static Map<String, String> configs(String text) {
    Map<String, String> configs = new LinkedHashMap<>();
    for (String pair : text.trim().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      configs.put(kv[0], kv[1]);
    }
    return configs;
  }

  /** Compose's variable forms: ${X:?message} (a required secret) and ${X:-default}. */
  private static String substitute(String value) {
    Matcher m = Pattern.compile("\\$\\{([A-Z_]+)(:[-?])([^}]*)}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).equals(":-") ? m.group(3) : "a-token-of-at-least-sixteen-characters"));
    }
    m.appendTail(out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws Exception {
    return new Yaml(new LoaderOptions()).load(Files.readString(file));
  }

  private static List<Map<String, Object>> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  private static Map<String, Object> only(List<Map<String, Object>> docs, String kind, String name) {
    List<Map<String, Object>> found = kind(docs, kind).stream().filter(d -> name.equals(path(d, "metadata.name"))).toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> doc, String dotted) {
    Object node = doc;
    for (String part : dotted.split("\\.")) {
      node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
    }
    return node;
  }
}
