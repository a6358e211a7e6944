package io.relmon.local;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.CodedEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Modality;
import io.relmon.schemas.avro.SourceKind;
import io.relmon.scoring.ScoringApp;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relmon bench}: the scoring topology under exactly_once_v2 against the real in-process
 * broker, beside the raw consumer rate of the same records on the same broker (the ceiling).
 * Coded article events (five events each, among the states the coder knows, over 90 days) are
 * produced first; then a plain consumer reads and decodes them all; then the scoring service
 * starts on them and the clock runs until its consumer group has committed the end of every
 * input, repartition topics included.
 *
 * <p>Not yet measured here (the performance issue): article → e-mail latency at 200 articles/s
 * and the resident memory of each service as its own process; the resident memory printed is
 * that of this one JVM, broker included.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure scoring throughput under exactly_once_v2 against the raw consumer rate, on the in-process broker.")
final class BenchCommand implements Callable<Integer> {

  static final int EVENTS_PER_ARTICLE = 5;
  private static final String[] STATES = {"CHN", "PRK", "KOR", "RUS", "JPN", "USA", "TWN", "VNM", "IND", "GBR", "FRA", "DEU"};
  private static final EventType[] TYPES = {EventType.STATEMENT_HOSTILE, EventType.STATEMENT_FRIENDLY, EventType.AID,
      EventType.SANCTIONS, EventType.STATE_VISIT, EventType.MISSILE_TEST, EventType.SUMMIT, EventType.COOPERATION_STALLED};
  private static final double[] WEIGHTS = {-3, 3, 7, -6, 4, -7, 4, -3};

  @Option(names = "--quick", description = "A smoke run: 3,000 events, under two minutes.")
  boolean quick;

  @Option(names = "--events", description = "Coded events to send through scoring (default 100,000; --quick 3,000).")
  Integer events;

  @Option(names = "--data-dir", description = "Broker data and scoring state (default .relmon/bench-<time>).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    return run(System.out, System.err);
  }

  int run(PrintStream out, PrintStream err) throws Exception {
    // Sizes follow what scoring manages today (docs/benchmarks.md): the full run takes ~25 minutes.
    int total = events != null ? events : quick ? 3_000 : 100_000;
    int articles = Math.max(1, total / EVENTS_PER_ARTICLE);
    Path dir = dataDir != null ? dataDir
        : Path.of(".relmon", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(dir);
    Topics topics = Topics.defaults();
    err.println("relmon bench: " + articles + " articles of " + EVENTS_PER_ARTICLE + " coded events, broker in process, data in " + dir);
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, topics, kafka.replicationFactor());

      long t0 = System.nanoTime();
      produce(kafka.bootstrapServers(), topics.articles(), articles);
      double produceSeconds = seconds(t0);

      long t1 = System.nanoTime();
      long read = consumeAll(kafka.bootstrapServers(), topics.articles());
      double consumeSeconds = seconds(t1);

      Map<String, String> settings = new HashMap<>();
      settings.put("relmon.kafka.bootstrap", kafka.bootstrapServers());
      settings.put("relmon.scoring.host", "127.0.0.1");
      settings.put("relmon.scoring.port", "0");
      settings.put("relmon.scoring.application.id", "relmon-bench-scoring");
      settings.put("relmon.scoring.state.dir", dir.resolve("scoring").toString());
      settings.put("relmon.scoring.advance.interval.minutes", "0");
      Map<String, String> env = System.getenv();
      long t2 = System.nanoTime();
      try (ScoringApp scoring = ScoringApp.start(ScoringConfig.from(Settings.layered(settings, env), env), topics)) {
        new FlowWatcher(admin, List.of(new FlowWatcher.Stage("relmon-bench-scoring"))).awaitIdle(Duration.ofMinutes(60));
      }
      double scoringSeconds = seconds(t2);

      double rawRate = read / consumeSeconds;
      double scoringRate = (double) articles * EVENTS_PER_ARTICLE / scoringSeconds;
      out.printf("events                            %,d (%,d articles)%n", (long) articles * EVENTS_PER_ARTICLE, articles);
      out.printf("produced in                       %.1f s%n", produceSeconds);
      out.printf("raw consumer (read + decode)      %,.0f events/s%n", rawRate);
      out.printf("scoring, exactly_once_v2          %,.0f events/s (%.1f s, from start to every input committed)%n", scoringRate, scoringSeconds);
      out.printf("scoring / raw consumer            %.3f%n", scoringRate / rawRate);
      out.printf("resident memory (this JVM: broker + scoring) %,d MB%n", residentMegabytes());
      out.printf("machine                           %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      return 0;
    }
  }

  /** Articles with {@link #EVENTS_PER_ARTICLE} coded events each, deterministic. */
  private static void produce(String bootstrap, Topic<String, ArticleEvent> topic, int articles) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Random random = new Random(2026);
    Instant epoch = LocalDate.of(2026, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (int a = 0; a < articles; a++) {
        int day = random.nextInt(90);
        Instant published = epoch.plus(Duration.ofDays(day + 1)).plusSeconds(random.nextInt(86_400));
        List<CodedEvent> coded = new ArrayList<>();
        for (int e = 0; e < EVENTS_PER_ARTICLE; e++) {
          int t = random.nextInt(TYPES.length);
          String actor = STATES[random.nextInt(STATES.length)];
          String target = STATES[random.nextInt(STATES.length)];
          String evidence = actor + " " + TYPES[t] + " " + target + ", article " + a + ", event " + e + ".";
          coded.add(CodedEvent.newBuilder()
              .setType(TYPES[t]).setActor(actor).setTargets(target.equals(actor) ? List.of() : List.of(target))
              .setDate(LocalDate.of(2026, 1, 1).plusDays(Math.max(0, day - random.nextInt(3))).toString())
              .setModality(Modality.FACT).setWeight(WEIGHTS[t]).setConfidence(0.8).setPlover("").setCameo("")
              .setEvidence(evidence).setEvidenceStart(0).setEvidenceEnd(evidence.length()).build());
        }
        ArticleEvent event = ArticleEvent.newBuilder()
            .setArticleId("bench-" + a).setUrl("https://bench.example/" + a).setSource("bench wire")
            .setSourceKind(SourceKind.WIRE).setTitle("bench " + a).setBody("")
            .setPublished(published).setReceivedAt(published).setCoderVersion("bench")
            .setEvents(coded).setLeaderMentions(List.of()).build();
        producer.send(new ProducerRecord<>(topic.name(), null, published.toEpochMilli(), event.getArticleId(), event));
      }
      producer.flush();
    }
  }

  /** Reads and decodes every record of the topic; returns the coded events counted. */
  private static long consumeAll(String bootstrap, Topic<String, ArticleEvent> topic) {
    java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
    TopicReader.forEach(bootstrap, topic, record -> events.addAndGet(record.value().getEvents().size()));
    return events.get();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static long residentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
