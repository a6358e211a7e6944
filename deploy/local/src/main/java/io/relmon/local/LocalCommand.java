package io.relmon.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.relmon.ingest.Article;
import io.relmon.ingest.ArticleParser;
import io.relmon.service.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relmon local}: the whole pipeline on one machine (BRIEF §7). Starts the embedded broker,
 * the SMTP sink and the three services, sends the demo scenario (or {@code --articles}) through
 * the ingest API, waits until it has flowed through, prints warmth, signals, alerts and e-mails,
 * then keeps serving — or, with {@code --once}, exits.
 */
@Command(name = "local", mixinStandardHelpOptions = true, description = "Run the local stack with the demo scenario (or --articles) and keep serving.")
final class LocalCommand implements Callable<Integer> {

  @Option(names = "--articles", arity = "1..*", paramLabel = "PATH",
      description = "Ingest these files or folders (text with headers, or JSON Lines) instead of the demo scenario.")
  List<Path> articles;

  @Option(names = "--once", description = "Exit when everything given has flowed through (topics consumed, alerts delivered).")
  boolean once;

  @Option(names = "--json", description = "With --once: print one JSON object on standard output (warmth, signals, alerts, emails).")
  boolean json;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where broker data, service state and e-mails go (default: a new folder under .relmon/).")
  Path dataDir;

  @Option(names = "--rules", paramLabel = "FILE", description = "Alert rules (YAML); default: the demo rules.")
  Path rules;

  @Option(names = "--ingest-port", defaultValue = "${env:RELMON_INGEST_PORT:-8081}", description = "Ingest API port (default ${DEFAULT-VALUE}).")
  int ingestPort;

  @Option(names = "--scoring-port", defaultValue = "${env:RELMON_SCORING_PORT:-8082}", description = "Scoring service port (default ${DEFAULT-VALUE}).")
  int scoringPort;

  @Option(names = "--alert-port", defaultValue = "${env:RELMON_ALERT_PORT:-8083}", description = "Alert service port (default ${DEFAULT-VALUE}).")
  int alertPort;

  @Option(names = "--kafka-port", defaultValue = "${env:RELMON_KAFKA_PORT:-9092}", description = "Embedded broker port (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--smtp-port", defaultValue = "${env:RELMON_SMTP_PORT:-2525}", description = "SMTP sink port (default ${DEFAULT-VALUE}).")
  int smtpPort;

  @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for the articles to flow through (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    if (json && !once) {
      err.println("relmon local: --json needs --once (the JSON summary is printed when everything has flowed through)");
      return 2;
    }
    Path dir = dataDir != null ? dataDir
        : Path.of(".relmon", "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(dir);
    Path rulesFile = rules;
    if (rulesFile == null) {
      rulesFile = dir.resolve("rules.yaml");
      Files.writeString(rulesFile, ArticleSources.read("/io/relmon/local/demo-rules.yaml"));
    }
    List<ArticleParser.Parsed> inputs = articles == null ? ArticleSources.demo() : ArticleSources.fromPaths(articles);

    err.println("relmon: starting the local stack in " + dir.toAbsolutePath() + " ...");
    LocalStack stack;
    try {
      stack = LocalStack.start(new LocalStack.Options(dir, kafkaPort, smtpPort, ingestPort, scoringPort, alertPort, rulesFile));
    } catch (IllegalStateException | IllegalArgumentException e) {
      // A taken port, a bad rules file, invalid settings: each says what to change.
      err.println("relmon local: " + e.getMessage());
      return 1;
    }
    try {
      err.println("relmon: ingest token " + stack.ingestToken() + " (also in " + stack.ingestTokenFile().toAbsolutePath() + ")");
      stack.awaitReady(Duration.ofSeconds(60));
      err.println("relmon: web view " + stack.webUrl() + "/  (e.g. " + stack.webUrl() + "/dyads/CHN-PRK)");
      int accepted = send(stack, inputs, err);
      err.println("relmon: " + accepted + " of " + inputs.size() + " articles accepted; waiting for them to flow through ...");
      stack.awaitIdle(Duration.ofSeconds(timeoutSeconds));
      Summary summary = Summary.read(stack.bootstrapServers(), stack.topics(), stack.emails());
      if (json) {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary.toJson()));
      } else {
        summary.print(once ? System.out : err);
      }
      if (once) {
        return 0;
      }
      printUrls(stack, dir, err);
      // Ctrl-C: the JVM runs shutdown hooks and then halts, so the stack is stopped in the hook.
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        err.println("relmon: stopping ...");
        stack.close();
        stopped.countDown();
      }, "relmon-local-stop"));
      stopped.await();
      return 0;
    } catch (IllegalStateException e) {
      err.println("relmon local: " + e.getMessage());
      return 1;
    } finally {
      stack.close();
    }
  }

  /** Posts each article to the ingest API; reports each rejection on standard error. */
  static int send(LocalStack stack, List<ArticleParser.Parsed> inputs, PrintStream err) throws InterruptedException {
    int accepted = 0;
    String url = "http://127.0.0.1:" + stack.ingestPort() + "/v1/articles";
    for (ArticleParser.Parsed parsed : inputs) {
      if (!parsed.ok()) {
        err.println("relmon: " + parsed.origin() + ": rejected: " + String.join("; ", parsed.errors()));
        continue;
      }
      try {
        HttpResponse<String> response = Http.postJson(url, stack.ingestToken(), toJson(parsed.article()));
        if (response.statusCode() == 202) {
          accepted++;
        } else if (response.statusCode() == 200) {
          // Seen before (a data directory used again): already on the topic.
          err.println("relmon: " + parsed.origin() + ": already ingested (duplicate)");
          accepted++;
        } else {
          err.println("relmon: " + parsed.origin() + ": ingest answered " + response.statusCode() + ": " + response.body().strip());
        }
      } catch (IOException e) {
        err.println("relmon: " + parsed.origin() + ": cannot reach the ingest API: " + e.getMessage());
      }
    }
    return accepted;
  }

  static String toJson(Article article) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", article.id());
    node.put("url", article.url());
    node.put("source", article.source());
    node.put("title", article.title());
    node.put("body", article.body());
    node.put("published", article.published().toString());
    return node.toString();
  }

  private static void printUrls(LocalStack stack, Path dir, PrintStream out) {
    out.println();
    out.println("relmon is running (Ctrl-C stops it):");
    out.println("  ingest API   POST http://127.0.0.1:" + stack.ingestPort() + "/v1/articles  (Authorization: Bearer $(cat "
        + stack.ingestTokenFile().toAbsolutePath() + "))");
    for (var service : List.of(List.of("ingest", stack.ingestPort()), List.of("scoring", stack.scoringPort()), List.of("alert", stack.alertPort()))) {
      out.printf("  %-8s     http://127.0.0.1:%s/metrics  /health/live  /health/ready%n", service.get(0), service.get(1));
    }
    out.println("  web view     " + stack.webUrl() + "/   dyads: /dyads/CHN-PRK   countries: /countries/PRK   JSON: /v1/dyads/CHN-PRK/history");
    out.println("  Kafka        " + stack.bootstrapServers());
    out.println("  SMTP sink    127.0.0.1:" + stack.smtpPort() + " → " + dir.resolve("mail").toAbsolutePath());
  }
}
