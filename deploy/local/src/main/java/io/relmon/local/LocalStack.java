package io.relmon.local;

import io.relmon.alert.AlertApp;
import io.relmon.alert.AlertConfig;
import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestConfig;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.scoring.ScoringApp;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.Settings;
import io.relmon.service.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything {@code ./relmon local} runs, in one JVM: an embedded single-node KRaft broker, the
 * topics, an SMTP sink writing {@code .eml} files, and the three services configured exactly as
 * their own {@code main} would configure them from settings. Each service keeps its own HTTP
 * port, meter registry and Kafka clients.
 */
final class LocalStack implements AutoCloseable {

  /** Ports and places of a local stack. */
  record Options(Path dataDir, int kafkaPort, int smtpPort, int ingestPort, int scoringPort, int alertPort, Path rules) {}

  private final Options options;
  private final Topics topics = Topics.defaults();
  private EmbeddedKafkaCluster kafka;
  private SmtpSink smtp;
  private ScoringApp scoring;
  private AlertApp alert;
  private IngestApp ingest;
  private Admin admin;
  private String ingestToken;

  private LocalStack(Options options) {
    this.options = options;
  }

  static LocalStack start(Options options) {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    kafka = EmbeddedKafkaCluster.start(options.dataDir().resolve("kafka"), 1, options.kafkaPort());
    admin = kafka.admin();
    TopicSetup.ensure(admin, topics, kafka.replicationFactor());
    smtp = SmtpSink.start(options.smtpPort(), options.dataDir().resolve("mail"));

    ingestToken = ingestToken(System.getenv());
    StackSettings stack = new StackSettings(kafka.bootstrapServers(), options.ingestPort(), ingestToken,
        options.scoringPort(), options.alertPort(), options.dataDir().resolve("state"), options.rules(), smtp.port(), null);
    // Environment variables still override, as for the services run on their own.
    Map<String, String> env = System.getenv();
    scoring = ScoringApp.start(ScoringConfig.from(Settings.layered(stack.keys(), env), env), topics);
    // Alert e-mails link to the web view, which the scoring service serves.
    stack = stack.withWebBaseUrl(webUrl());
    alert = AlertApp.start(AlertConfig.from(Settings.layered(stack.keys(), env), env), topics);
    ingest = IngestApp.start(IngestConfig.from(Settings.layered(stack.keys(), env), env), topics);
  }

  /** The web view's address (the scoring service's port). */
  public String webUrl() {
    return "http://127.0.0.1:" + scoring.port();
  }

  /**
   * The ingest API's token: RELMON_INGEST_TOKEN when set, otherwise a new random one. Either way
   * it is written to {@code <data-dir>/ingest.token} (readable by its owner only) for clients
   * such as {@code relmon ingest}.
   */
  private String ingestToken(Map<String, String> env) {
    String token = env.getOrDefault("RELMON_INGEST_TOKEN", "");
    if (token.isBlank()) {
      token = io.relmon.service.BearerToken.generate();
    }
    Path file = ingestTokenFile();
    try {
      java.nio.file.Files.deleteIfExists(file);
      java.nio.file.Files.createFile(file);
      try {
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own protection applies
      }
      java.nio.file.Files.writeString(file, token + "\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return token;
  }

  String ingestToken() {
    return ingestToken;
  }

  Path ingestTokenFile() {
    return options.dataDir().resolve("ingest.token");
  }

  /** Blocks until every stage has consumed everything committed to its inputs. */
  void awaitIdle(Duration timeout) throws InterruptedException {
    new FlowWatcher(admin, List.of(
        new FlowWatcher.Stage("relmon-scoring"),
        new FlowWatcher.Stage("relmon-alert-rules"),
        new FlowWatcher.Stage("relmon-notifier")))
        .awaitIdle(timeout);
  }

  /** Waits until every service reports ready. */
  void awaitReady(Duration timeout) throws InterruptedException {
    Readiness.await(Map.of("ingest", ingest.port(), "scoring", scoring.port(), "alert", alert.port()), service -> null, timeout);
  }

  Topics topics() {
    return topics;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  int ingestPort() {
    return ingest.port();
  }

  int scoringPort() {
    return scoring.port();
  }

  int alertPort() {
    return alert.port();
  }

  int smtpPort() {
    return smtp.port();
  }

  List<Path> emails() {
    return smtp.flush();
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Producers first, so nothing new enters while the consumers stop.
    closeQuietly(ingest);
    closeQuietly(alert);
    closeQuietly(scoring);
    closeQuietly(smtp);
    closeQuietly(admin);
    closeQuietly(kafka);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("relmon: error while stopping " + closeable.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
