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
  private static final List<String> K8S_FILES = List.of("kafka.yaml", "topics.yaml", "relmon.yaml", "monitoring.yaml");
  /** The Prometheus job of each service, in every deployment: what the rules and the dashboard query. */
  private static final Map<String, String> JOBS = Map.of("ingest", "relmon-ingest", "scoring", "relmon-scoring", "alert", "relmon-alert");
  /** The broker-side lag exporter's job (Kubernetes and compose; the local stack runs none). */
  private static final String EXPORTER_JOB = "relmon-kafka-exporter";

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
      assertThat(Files.readString(ROOT.resolve(service + "-service/Dockerfile"))).contains("EXPOSE " + port)
          // The bench starts each service as its image does.
          .contains("ENV JAVA_TOOL_OPTIONS=\"" + PipelineLoad.imageJavaOptions(service) + "\"");
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

    // Every service compose refers to (depends_on, host:port in settings and commands, *_HOST,
    // Prometheus' targets) is one it defines.
    Map<String, String> referrers = new TreeMap<>();
    services.forEach((name, spec) -> {
      ((Map<String, Object>) spec.getOrDefault("depends_on", Map.of())).keySet().forEach(d -> referrers.put(d, name + " depends_on"));
      spec.forEach((key, value) -> {
        if (!List.of("image", "ports", "volumes", "healthcheck", "build").contains(key)) {
          hostReferences(value, (host, where) -> referrers.put(host, name + " " + key + ": " + where));
        }
      });
    });
    Matcher target = Pattern.compile("\"([a-z][a-z0-9-]*):\\d+\"").matcher(prometheus);
    while (target.find()) {
      referrers.put(target.group(1), "compose/prometheus.yml target");
    }
    assertThat(referrers).as("hosts compose refers to").containsKeys("mail", "kafka-exporter", "kafka-1", "prometheus");
    referrers.forEach((host, where) -> assertThat(services).as(where + " refers to service " + host).containsKey(host));

    // The alert service's default SMTP server is a real SMTP sink on the port it is told.
    Map<String, String> alertEnv = new HashMap<>();
    ((Map<String, Object>) services.get("alert").get("environment")).forEach((k, v) -> alertEnv.put(k, substitute(String.valueOf(v))));
    Map<String, Object> mail = services.get(alertEnv.get("RELMON_SMTP_HOST"));
    assertThat(String.valueOf(mail.get("image"))).as("the SMTP sink: Mailpit, SMTP on 1025").startsWith("axllent/mailpit:");
    assertThat(alertEnv.get("RELMON_SMTP_PORT")).isEqualTo("1025");
    assertThat(AlertConfig.from(Settings.layered(Map.of(), alertEnv), alertEnv).smtp().host()).isEqualTo(alertEnv.get("RELMON_SMTP_HOST"));

    // The Kafka Exporter reads relmon's groups from the compose brokers and is scraped.
    Map<String, Object> exporter = services.get("kafka-exporter");
    List<String> flags = (List<String>) exporter.get("command");
    assertThat(flags).contains("--kafka.server=kafka-1:9092", "--kafka.server=kafka-2:9092", "--kafka.server=kafka-3:9092");
    String groupFilter = flags.stream().filter(f -> f.startsWith("--group.filter=")).findFirst().orElseThrow().split("=", 2)[1];
    assertThat(consumerGroups(alertEnv)).allSatisfy(group -> assertThat(group).matches(groupFilter));
    assertThat(prometheus).contains("\"kafka-exporter:9308\"");
  }

  /** Host names in host:port forms (a=b:1, //b:1, @b:1, b:1,c:2) and in *_HOST settings, anywhere in a compose value. */
  @SuppressWarnings("unchecked")
  private static void hostReferences(Object value, java.util.function.BiConsumer<String, String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (String.valueOf(k).endsWith("_HOST")) {
          found.accept(substitute(String.valueOf(v)), k + "=" + v);
        } else {
          hostReferences(v, found);
        }
      });
    } else if (value instanceof List<?> list) {
      list.forEach(v -> hostReferences(v, found));
    } else if (value != null) {
      String text = substitute(String.valueOf(value));
      Matcher m = Pattern.compile("(?:^|[=/@,\\s])([a-z][a-z0-9-]*):\\d+").matcher(text);
      while (m.find()) {
        if (!m.group(1).equals("localhost")) {
          found.accept(m.group(1), text);
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesShouldAgreeWithTheCode() throws Exception {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (String file : K8S_FILES) {
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
    List<Map<String, Object>> scraped = kind(docs, "Service").stream()
        .filter(s -> "relmon".equals(((Map<String, Object>) path(s, "metadata.labels")).get("app.kubernetes.io/part-of"))).toList();
    assertThat(scraped).as("each service scraped once (the headless one is not part-of relmon)").hasSize(3);
    assertThat(path(monitor, "spec.selector.matchLabels")).isEqualTo(Map.of("app.kubernetes.io/part-of", "relmon"));

    // Job labels: without jobLabel the operator names the job after the Service ("ingest"), and
    // up{job=~"relmon-.*"} matches nothing. Each Service carries the label jobLabel names.
    String jobLabel = (String) path(monitor, "spec.jobLabel");
    assertThat(jobLabel).as("ServiceMonitor jobLabel").isNotBlank();
    Map<String, String> k8sJobs = new TreeMap<>();
    for (Map<String, Object> svc : scraped) {
      String name = (String) path(svc, "metadata.name");
      String job = ((Map<String, String>) path(svc, "metadata.labels")).get(jobLabel);
      assertThat(job).as("Service " + name + " label " + jobLabel).isEqualTo(JOBS.get(name));
      k8sJobs.put(name, job);
    }
    Map<String, Object> kafkaExporter = (Map<String, Object>) path(kafka, "spec.kafkaExporter");
    assertThat(kafkaExporter).as("Kafka spec.kafkaExporter: broker-side consumer lag").isNotNull();
    // Strimzi names the exporter <cluster>-kafka-exporter and labels its pods strimzi.io/name with it.
    String exporter = path(kafka, "metadata.name") + "-kafka-exporter";
    Map<String, Object> podMonitor = only(docs, "PodMonitor", exporter);
    assertThat(path(podMonitor, "spec.selector.matchLabels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("strimzi.io/name", exporter).containsEntry("strimzi.io/cluster", path(kafka, "metadata.name"));
    assertThat(path(podMonitor, "spec.jobLabel")).as("the exporter's job is its strimzi.io/name").isEqualTo("strimzi.io/name");
    assertThat(((List<Map<String, Object>>) path(podMonitor, "spec.podMetricsEndpoints")).get(0)).containsEntry("port", "tcp-prometheus");
    k8sJobs.put("kafka-exporter", exporter);
    assertJobsMatchTheQueries("Kubernetes", new java.util.TreeSet<>(k8sJobs.values()));

    // The exporter reads every consumer group relmon runs, on every topic they read.
    Map<String, String> env = new HashMap<>(config);
    env.put("RELMON_SMTP_PASSWORD", "x");
    List<String> groups = consumerGroups(env);
    assertThat(groups).allSatisfy(group -> assertThat(group).matches(String.valueOf(kafkaExporter.get("groupRegex"))));
    assertThat(TOPICS.all()).allSatisfy(topic -> assertThat(topic.name()).matches(String.valueOf(kafkaExporter.get("topicRegex"))));
    assertThat("relmon-scoring-dedupe-store-repartition").as("the Streams applications' internal topics")
        .matches(String.valueOf(kafkaExporter.get("topicRegex")));

    // The alert rules ship as a PrometheusRule, the very rules of deploy/prometheus/alerts.yml.
    Map<String, Object> prometheusRule = only(docs, "PrometheusRule", "relmon");
    assertThat(prometheusRule.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(path(prometheusRule, "spec.groups")).as("PrometheusRule spec.groups = alerts.yml groups")
        .isEqualTo(yaml(DEPLOY.resolve("prometheus/alerts.yml")).get("groups"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void strimziResourcesShouldUseTheV1Api() throws Exception {
    List<Map<String, Object>> strimzi = new ArrayList<>();
    for (String file : K8S_FILES) {
      for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(DEPLOY.resolve("k8s/" + file)))) {
        if (doc != null && String.valueOf(((Map<String, Object>) doc).get("apiVersion")).startsWith("kafka.strimzi.io/")) {
          strimzi.add((Map<String, Object>) doc);
        }
      }
    }
    assertThat(strimzi).extracting(d -> d.get("kind")).contains("Kafka", "KafkaNodePool", "KafkaTopic");
    // Strimzi 1.0 serves kafka.strimzi.io/v1 only.
    assertThat(strimzi).allSatisfy(d -> assertThat(d.get("apiVersion")).as(d.get("kind") + " " + path(d, "metadata.name"))
        .isEqualTo("kafka.strimzi.io/v1"));
    Map<String, Object> kafka = only(strimzi, "Kafka", "relmon");
    // v1's Kafka has no nodes or storage of its own (node pools hold them) and no mode annotations.
    assertThat((Map<String, Object>) path(kafka, "spec.kafka")).doesNotContainKeys("replicas", "storage");
    assertThat(kafka).doesNotContainKey("zookeeper");
    Map<String, Object> annotations = (Map<String, Object>) path(kafka, "metadata.annotations");
    assertThat(annotations == null ? Map.of() : annotations).doesNotContainKeys("strimzi.io/kraft", "strimzi.io/node-pools");
    Map<String, Object> pool = only(strimzi, "KafkaNodePool", "dual-role");
    assertThat(path(pool, "metadata.labels")).isEqualTo(Map.of("strimzi.io/cluster", "relmon"));
    assertThat((List<String>) path(pool, "spec.roles")).containsExactlyInAnyOrder("controller", "broker");
    assertThat(path(pool, "spec.storage.type")).isEqualTo("jbod");
    List<Map<String, Object>> volumes = (List<Map<String, Object>>) path(pool, "spec.storage.volumes");
    assertThat(volumes).as("one volume, holding the KRaft metadata log too").hasSize(1);
    assertThat(volumes.get(0)).containsEntry("kraftMetadata", "shared").containsEntry("type", "persistent-claim");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyRuleShouldHaveARunbookSectionAndAUnitTest() throws Exception {
    List<Map<String, Object>> rules = rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(15);
    java.util.Set<String> anchors = anchors(Files.readString(ROOT.resolve("docs/runbook.md")));
    for (Map<String, Object> rule : rules) {
      String name = (String) rule.get("alert");
      Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
      assertThat(annotations).as(name + " annotations").containsKeys("summary", "runbook_url");
      String url = annotations.get("runbook_url");
      assertThat(url).as(name + " runbook_url").startsWith("docs/runbook.md#");
      assertThat(anchors).as(name + ": the runbook section " + url).contains(url.substring(url.indexOf('#') + 1));
    }
    // The rules the issue asked for, on metrics that exist (PrometheusIT: exported by a service,
    // or on its list of series only other deployments have).
    assertThat(rules).extracting(r -> (String) r.get("expr")).anySatisfy(e -> assertThat(e).contains("relmon_ingest_feed_consecutive_failures"))
        .anySatisfy(e -> assertThat(e).contains("kafka_stream_client_state"))
        .anySatisfy(e -> assertThat(e).contains("kube_pod_container_status_ready"))
        .anySatisfy(e -> assertThat(e).contains("container_memory_working_set_bytes").contains("kube_pod_container_resource_limits"))
        .anySatisfy(e -> assertThat(e).contains("jvm_gc_live_data_size_bytes"))
        .anySatisfy(e -> assertThat(e).contains("relmon_notifier_last_loop_seconds"))
        .anySatisfy(e -> assertThat(e).contains("kafka_consumergroup_lag"));

    // alerts-test.yml (promtool, run by PrometheusIT) fires each rule at least once.
    Map<String, Object> unitTests = yaml(DEPLOY.resolve("prometheus/alerts-test.yml"));
    java.util.Set<String> fired = new java.util.TreeSet<>();
    for (Map<String, Object> test : (List<Map<String, Object>>) unitTests.get("tests")) {
      for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
        if (!((List<Object>) check.get("exp_alerts")).isEmpty()) {
          fired.add((String) check.get("alertname"));
        }
      }
    }
    assertThat(fired).as("rules with a promtool test in which they fire")
        .containsAll(rules.stream().map(r -> (String) r.get("alert")).toList());
  }

  @Test
  void jobLabelsShouldMatchWhatTheRulesAndTheDashboardQuery() throws Exception {
    java.util.Set<String> compose = scrapeJobs(DEPLOY.resolve("compose/prometheus.yml"));
    assertThat(compose).containsExactlyInAnyOrder(JOBS.get("ingest"), JOBS.get("scoring"), JOBS.get("alert"), EXPORTER_JOB);
    assertJobsMatchTheQueries("compose", compose);
    java.util.Set<String> local = scrapeJobs(DEPLOY.resolve("prometheus/prometheus.yml"));
    assertThat(local).containsExactlyInAnyOrderElementsOf(JOBS.values());
    assertJobsMatchTheQueries("deploy/prometheus", local);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardPanelsShouldUseTheVariablesAndExplainThemselves() throws Exception {
    com.fasterxml.jackson.databind.JsonNode dashboard = io.relmon.service.Json.MAPPER.readTree(
        Files.readString(DEPLOY.resolve("grafana/dashboards/relmon.json")));
    Map<String, com.fasterxml.jackson.databind.JsonNode> variables = new TreeMap<>();
    dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
    assertThat(variables).containsKeys("datasource", "dyad");
    assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
    assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
    // Its default is the provisioned data source.
    Map<String, Object> provisioned = ((List<Map<String, Object>>) yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"))
        .get("datasources")).get(0);
    assertThat(variables.get("datasource").path("current").path("value").asText()).isEqualTo(provisioned.get("uid"));
    com.fasterxml.jackson.databind.JsonNode dyad = variables.get("dyad");
    assertThat(dyad.path("type").asText()).isEqualTo("query");
    assertThat(dyad.path("query").asText()).isEqualTo("label_values(relmon_warmth_value, dyad)");
    assertThat(dyad.path("datasource").path("uid").asText()).isEqualTo("${datasource}");

    Map<String, String> problems = new TreeMap<>();
    int warmthPanels = 0;
    StringBuilder exprs = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      if (panel.path("description").asText().isBlank()) {
        problems.put(title + " description", "none");
      }
      if (!"${datasource}".equals(panel.path("datasource").path("uid").asText())) {
        problems.put(title + " datasource", panel.path("datasource").toString());
      }
      com.fasterxml.jackson.databind.JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
      if (steps.size() < 2 || !steps.get(0).path("value").isNull()) {
        problems.put(title + " thresholds", "need a base step and at least one level: " + steps);
      }
      for (int i = 2; i < steps.size(); i++) {
        if (steps.get(i).path("value").asDouble() <= steps.get(i - 1).path("value").asDouble()) {
          problems.put(title + " thresholds", "not ascending: " + steps);
        }
      }
      boolean warmth = false;
      for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        exprs.append(expr).append('\n');
        if (!"${datasource}".equals(target.path("datasource").path("uid").asText())) {
          problems.put(title + " target " + target.path("refId").asText() + " datasource", target.path("datasource").toString());
        }
        if (expr.contains("relmon_warmth_value")) {
          warmth = true;
          if (!expr.contains("dyad=~\"$dyad\"")) {
            problems.put(title + " dyad", "a dyad panel not filtered by $dyad: " + expr);
          }
        }
      }
      warmthPanels += warmth ? 1 : 0;
    }
    assertThat(problems).as("panels without a description, thresholds or the datasource variable").isEmpty();
    assertThat(warmthPanels).as("dyad panels").isGreaterThanOrEqualTo(2);
    // No data source named by uid anywhere but the variable's default.
    assertThat(Files.readString(DEPLOY.resolve("grafana/dashboards/relmon.json")).split("\"" + provisioned.get("uid") + "\"", -1))
        .as("the provisioned uid appears once, as the variable's default").hasSize(2);
    // HTTP and feed panels, from the metrics the services export (docs/metrics.md).
    assertThat(exprs.toString()).contains("relmon_ingest_articles_total{source=\"http\"").contains("scrape_duration_seconds")
        .contains("relmon_ingest_feed_polls_total").contains("relmon_ingest_feed_items_total")
        .contains("relmon_ingest_feed_consecutive_failures").contains("kafka_consumergroup_lag");
  }

  /** Every job selector of the rules and the dashboard matches each job (=~), or names one (=). */
  private static void assertJobsMatchTheQueries(String where, java.util.Set<String> jobs) throws Exception {
    List<String> exprs = new ArrayList<>();
    for (Map<String, Object> rule : rules()) {
      exprs.add((String) rule.get("expr"));
    }
    io.relmon.service.Json.MAPPER.readTree(Files.readString(DEPLOY.resolve("grafana/dashboards/relmon.json"))).path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    Pattern selector = Pattern.compile("\\bjob\\s*(=~|=|!=|!~)\\s*\"([^\"]*)\"");
    int selectors = 0;
    for (String expr : exprs) {
      Matcher m = selector.matcher(expr);
      while (m.find()) {
        selectors++;
        String op = m.group(1);
        String value = m.group(2);
        if (op.equals("=~")) {
          assertThat(jobs).as(where + ": jobs matched by job=~\"" + value + "\" in " + expr).allMatch(job -> job.matches(value));
        } else if (op.equals("=")) {
          assertThat(jobs).as(where + ": job=\"" + value + "\" in " + expr).contains(value);
        }
      }
    }
    assertThat(selectors).as("job selectors in the rules and the dashboard").isPositive();
  }

  @SuppressWarnings("unchecked")
  private static java.util.Set<String> scrapeJobs(Path prometheusConfig) throws Exception {
    java.util.Set<String> jobs = new java.util.TreeSet<>();
    for (Map<String, Object> scrape : (List<Map<String, Object>>) yaml(prometheusConfig).get("scrape_configs")) {
      jobs.add((String) scrape.get("job_name"));
    }
    return jobs;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules() throws Exception {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) yaml(DEPLOY.resolve("prometheus/alerts.yml")).get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
  static java.util.Set<String> anchors(String markdown) {
    java.util.Set<String> anchors = new java.util.TreeSet<>();
    for (String line : markdown.split("\n")) {
      Matcher m = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$").matcher(line);
      if (m.matches()) {
        anchors.add(m.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  /** The consumer groups relmon's services run (Streams application ids and the notifier's group). */
  private static List<String> consumerGroups(Map<String, String> env) {
    Settings settings = Settings.layered(Map.of(), env);
    AlertConfig alert = AlertConfig.from(settings, env);
    return List.of(ScoringConfig.from(Settings.layered(Map.of(), env), env).applicationId(), alert.applicationId(), alert.notifierGroup());
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
