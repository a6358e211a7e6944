package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.ingest.ArticleParser;
import io.relmon.service.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboard and the alert rules against a real Prometheus (Debian's {@code prometheus}
 * package; {@code .ci/run} installs it): the local stack runs the demo, Prometheus scrapes the
 * three services with the rules of {@code deploy/prometheus/alerts.yml}, and every panel query of
 * {@code deploy/grafana/dashboards/relmon.json} must answer with data, every rule must evaluate
 * without error, and every relmon metric the dashboard names must be exported by a service. The
 * dashboard can then never drift from the code.
 */
class PrometheusIT {

  private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @TempDir
  Path dir;

  @Test
  void shouldAnswerEveryPanelAndEvaluateEveryRuleAgainstTheRunningStack() throws Exception {
    assumeTrue(Files.isExecutable(PROMETHEUS),
        "Debian's prometheus is not installed (apt-get install prometheus; .ci/run does): the dashboard is not checked");
    Path rules = DEPLOY.resolve("prometheus/alerts.yml");
    Path dashboard = DEPLOY.resolve("grafana/dashboards/relmon.json");
    assertThat(run(PROMTOOL.toString(), "check", "rules", rules.toString())).as("promtool check rules").contains("SUCCESS");
    // The rules' own unit tests: each rule tested there fires on the series of a failure, and only then.
    assertThat(run(PROMTOOL.toString(), "test", "rules", DEPLOY.resolve("prometheus/alerts-test.yml").toString()))
        .as("promtool test rules").contains("SUCCESS");
    assertThat(run(PROMTOOL.toString(), "check", "config", DEPLOY.resolve("prometheus/prometheus.yml").toString()))
        .as("promtool check config").contains("SUCCESS");

    LocalStack.Options options = new LocalStack.Options(dir.resolve("stack"), freePort(), freePort(), freePort(), freePort(), freePort(),
        writeDemoRules());
    try (LocalStack stack = LocalStack.start(options)) {
      stack.awaitReady(Duration.ofSeconds(60));
      String api = "http://127.0.0.1:" + stack.ingestPort() + "/v1/articles";
      for (ArticleParser.Parsed article : ArticleSources.demo()) {
        assertThat(Http.postJson(api, stack.ingestToken(), LocalCommand.toJson(article.article())).statusCode()).isEqualTo(202);
      }
      stack.awaitIdle(Duration.ofSeconds(120));

      int port = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          rule_files: ["%s"]
          scrape_configs:
            - {job_name: relmon-ingest, static_configs: [{targets: ["127.0.0.1:%d"]}]}
            - {job_name: relmon-scoring, static_configs: [{targets: ["127.0.0.1:%d"]}]}
            - {job_name: relmon-alert, static_configs: [{targets: ["127.0.0.1:%d"]}]}
          """.formatted(rules, stack.ingestPort(), stack.scoringPort(), stack.alertPort()));
      Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      try {
        String base = "http://127.0.0.1:" + port;
        awaitAllUp(base);
        // A rate needs two samples inside its window; the window below is 1m, scrapes are 1 s apart.
        Thread.sleep(8_000);

        JsonNode panels = Json.MAPPER.readTree(Files.readString(dashboard)).get("panels");
        Map<String, String> unanswered = new LinkedHashMap<>();
        int queries = 0;
        TreeSet<String> named = new TreeSet<>();
        for (JsonNode panel : panels) {
          for (JsonNode target : panel.get("targets")) {
            String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
            named.addAll(metricNames(expr));
            queries++;
            JsonNode answer = query(base, expr);
            if (!"success".equals(answer.path("status").asText()) || answer.path("data").path("result").isEmpty()) {
              unanswered.put(panel.get("title").asText() + ": " + expr, answer.toString());
            }
          }
        }
        assertThat(unanswered).as("panel queries without data").isEmpty();

        Thread.sleep(3_000);
        JsonNode groups = Json.MAPPER.readTree(Http.get(base + "/api/v1/rules")).path("data").path("groups");
        List<String> ruleProblems = new ArrayList<>();
        int ruleCount = 0;
        for (JsonNode group : groups) {
          for (JsonNode rule : group.get("rules")) {
            ruleCount++;
            named.addAll(metricNames(rule.get("query").asText()));
            if (!"ok".equals(rule.path("health").asText())) {
              ruleProblems.add(rule.get("name").asText() + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
            }
          }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> file = new Yaml().load(Files.readString(rules));
        int defined = ((List<Map<String, Object>>) ((List<Map<String, Object>>) file.get("groups")).get(0).get("rules")).size();
        assertThat(ruleCount).as("every rule of alerts.yml loaded").isEqualTo(defined);
        assertThat(ruleProblems).as("rules that do not evaluate").isEmpty();

        // Every metric named by a panel or a rule is exported by some service.
        String exported = Http.get("http://127.0.0.1:" + stack.ingestPort() + "/metrics")
            + Http.get("http://127.0.0.1:" + stack.scoringPort() + "/metrics")
            + Http.get("http://127.0.0.1:" + stack.alertPort() + "/metrics");
        List<String> missing = named.stream().filter(m -> !m.equals("up") && !exported.contains("\n" + m)).toList();
        assertThat(missing).as("metrics the dashboard or the rules name that no service exports").isEmpty();
        System.out.println("PROMETHEUS-IT: " + queries + " panel queries of " + panels.size() + " panels answered with data; "
            + ruleCount + " alert rules evaluated without error; " + named.size() + " metrics named, all exported");
      } finally {
        prometheus.destroy();
        prometheus.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Path writeDemoRules() throws Exception {
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, ArticleSources.read("/io/relmon/local/demo-rules.yaml"));
    return rules;
  }

  private static final java.util.Set<String> PROMQL_WORDS = java.util.Set.of(
      "by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "offset", "bool", "le", "inf", "nan");

  /**
   * Metric names in a PromQL expression: identifiers that are not functions (followed by "("),
   * keywords, label names of "by (...)" / "without (...)", or inside selectors, ranges and strings.
   */
  static List<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"[^\"]*\"", " ")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^\\]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    List<String> names = new ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*)\\b(\\s*\\()?").matcher(bare);
    while (matcher.find()) {
      if (matcher.group(2) == null && !PROMQL_WORDS.contains(matcher.group(1).toLowerCase())) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  private static void awaitAllUp(String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode result = query(base, "up").path("data").path("result");
        int up = 0;
        for (JsonNode r : result) {
          up += "1".equals(r.get("value").get(1).asText()) ? 1 : 0;
        }
        if (up == 3) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Prometheus did not scrape the three services within a minute");
  }

  private static JsonNode query(String base, String expr) throws Exception {
    return Json.MAPPER.readTree(Http.get(base + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)));
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
