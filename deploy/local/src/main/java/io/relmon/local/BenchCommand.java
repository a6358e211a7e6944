package io.relmon.local;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topic;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.scoring.ScoringApp;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relmon bench}: the figures of BRIEF §8 in one report (docs/benchmarks.md).
 *
 * <ol>
 *   <li>Throughput: the scoring topology under exactly_once_v2 against the real in-process broker
 *       ({@link SyntheticArticles}: coded articles shaped on the dev set's statistics), after a warm-up batch, from the
 *       measured batch's first record produced until its group has committed the end of every
 *       input, repartition topics included; beside it the raw consumer rate of the same records
 *       on the same broker (the ceiling: one consumer's later passes over them, its start-up left out), and the records each hop wrote; then {@link StreamsFloor}, the least a Streams
 *       application does per event under the same settings.
 *   <li>Pipeline: {@link PipelineLoad} — each service its own process, articles posted to the
 *       ingest API at a steady rate, alert e-mails to a real SMTP server: latency from article
 *       accepted to e-mail accepted, CPU and resident memory per process.
 * </ol>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure scoring throughput under exactly_once_v2 against the raw consumer rate and a Streams floor, then the pipeline"
        + " (services as processes) at an article rate: latency to SMTP, CPU and resident memory per service.")
final class BenchCommand implements Callable<Integer> {
  /** Passes of the raw consumer over the input; all but the first are timed. */
  static final int RAW_PASSES = 4;

  @Option(names = "--quick", description = "A smoke run: 3,000 events, under two minutes.")
  boolean quick;

  @Option(names = "--events", description = "Coded events to send through scoring (default 100,000; --quick 3,000).")
  Integer events;

  @Option(names = "--warmup", description = "Coded events sent through scoring before the measured ones (default 25,000; --quick 2,000).")
  Integer warmup;

  @Option(names = "--rate", description = "Articles per second posted to ingest in the pipeline phase (default 200).")
  double articleRate = 200;

  @Option(names = "--hops", description = "Also time when each record becomes visible on each topic (a consumer of its own; off by default).")
  boolean hops;

  @Option(names = "--pipeline-warmup", description = "Seconds of load before the pipeline phase is measured, its CPU reported apart"
      + " (default 150, past the JIT of the services' JVMs on two cores; --quick 10).")
  Integer pipelineWarmup;

  @Option(names = "--pipeline-seconds", description = "Length of the measured pipeline phase (default 60; --quick 20).")
  Integer pipelineSeconds;

  @Option(names = "--news-rate", description = "Articles per second of a last window at news rates, after the measured one"
      + " (default 2; 0: none).")
  double newsRate = 2;

  @Option(names = "--news-seconds", description = "Length of the news-rate window (default 60; --quick 20), after as long"
      + " again, at most 15 s, at that rate.")
  Integer newsSeconds;

  @Option(names = "--data-dir", description = "Broker data and scoring state: a new or empty directory (default .relmon/bench-<time>).")
  Path dataDir;

  @Option(names = "--json", description = "Print the report as one JSON object on standard output (the text report goes to standard error).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return run(System.out, System.err);
  }

  int run(PrintStream stdout, PrintStream err) throws Exception {
    // With --json the text report goes to standard error, and standard output holds the JSON alone.
    PrintStream out = json ? err : stdout;
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    Map<String, Object> scoringReport = new java.util.LinkedHashMap<>();
    report.put("scoring", scoringReport);
    long total = events != null ? events : quick ? 3_000 : 100_000;
    long warmupTotal = warmup != null ? warmup : quick ? 2_000 : 25_000;
    // A directory of an earlier run would bring its broker's topics and scoring's state: every
    // figure would count them (records per event in the thousands), and the Streams floor's topic
    // would already exist.
    if (dataDir != null && Files.isDirectory(dataDir)) {
      try (var entries = Files.list(dataDir)) {
        if (entries.findAny().isPresent()) {
          err.println("relmon bench: --data-dir " + dataDir + " holds an earlier run's data; the bench measures a fresh broker"
              + " and fresh state: give a new or empty directory");
          return 2;
        }
      }
    }
    Path dir = dataDir != null ? dataDir
        : Path.of(".relmon", "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(dir);
    Topics topics = Topics.defaults();
    err.println("relmon bench: " + warmupTotal + " + " + total + " coded events, broker in process, data in " + dir);
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, topics, kafka.replicationFactor());
      SyntheticArticles load = new SyntheticArticles(2026);

      Map<String, String> settings = new HashMap<>();
      settings.put("relmon.kafka.bootstrap", kafka.bootstrapServers());
      settings.put("relmon.scoring.host", "127.0.0.1");
      settings.put("relmon.scoring.port", "0");
      settings.put("relmon.scoring.application.id", "relmon-bench-scoring");
      settings.put("relmon.scoring.state.dir", dir.resolve("scoring").toString());
      settings.put("relmon.scoring.advance.interval.minutes", "0");
      Map<String, String> env = System.getenv();
      FlowWatcher flow = new FlowWatcher(admin, List.of(new FlowWatcher.Stage("relmon-bench-scoring")));
      double warmupSeconds;
      double scoringSeconds;
      StreamThreadCpu.Used measuredCpu;
      long[] warmupSent;
      long[] measuredSent;
      // On two cores the JIT compiler alone takes ~20 s of CPU in the first minute (measured with
      // JFR): a warm-up batch goes through first, and the rate is that of the batch after it.
      ScoringConfig scoringConfig = ScoringConfig.from(Settings.layered(settings, env), env);
      try (ScoringApp scoring = ScoringApp.start(scoringConfig, topics)) {
        long t0 = System.nanoTime();
        warmupSent = produce(kafka.bootstrapServers(), topics.articles(), load, warmupTotal);
        flow.awaitIdle(Duration.ofMinutes(60));
        warmupSeconds = seconds(t0);
        long t1 = System.nanoTime();
        StreamThreadCpu cpuBefore = StreamThreadCpu.now();
        measuredSent = produce(kafka.bootstrapServers(), topics.articles(), load, total);
        flow.awaitIdle(Duration.ofMinutes(60));
        scoringSeconds = seconds(t1);
        measuredCpu = StreamThreadCpu.now().since(cpuBefore);
      }

      // The ceiling: a plain consumer reading and decoding the same records on the same broker.
      // One consumer reads them RAW_PASSES times; the first pass (connecting, metadata, the JIT)
      // is not timed. Until 2026-12-05 a new consumer's one pass was timed, its start and its
      // close with it — the close waits for the fetch already sent, parked at the broker for
      // Kafka's 500-ms fetch wait: ~0.5 s of a ~0.7-s read, so the ceiling read 120,000–290,000
      // events/s where the reading alone runs at 700,000–1,000,000.
      java.util.concurrent.atomic.AtomicLong readEvents = new java.util.concurrent.atomic.AtomicLong();
      long[] passNanos = TopicReader.timedPasses(kafka.bootstrapServers(), topics.articles(), RAW_PASSES,
          record -> readEvents.addAndGet(record.value().getEvents().size()));
      long read = readEvents.get() / RAW_PASSES * (RAW_PASSES - 1);
      double consumeSeconds = java.util.Arrays.stream(passNanos).skip(1).sum() / 1e9;
      double firstPassSeconds = passNanos[0] / 1e9;

      double rawRate = read / consumeSeconds;
      long measuredEvents = measuredSent[1];
      double scoringRate = measuredEvents / scoringSeconds;
      out.printf("events                            %,d (%,d articles) after a warm-up of %,d (%,d articles)%n",
          measuredEvents, measuredSent[0], warmupSent[1], warmupSent[0]);
      out.printf("scoring, exactly_once_v2          %,.0f events/s (%.1f s from the first record produced to every input committed)%n",
          scoringRate, scoringSeconds);
      out.printf("raw consumer (read + decode)      %,.0f events/s (%,d events in %.2f s, passes 2–%d of one consumer; its first pass %.2f s)%n",
          rawRate, read, consumeSeconds, RAW_PASSES, firstPassSeconds);
      out.printf("scoring / raw consumer            %.3f%n", scoringRate / rawRate);
      // Per event, not per second: what a host's speed changes least (the rate moves 2x between hosts).
      out.printf("CPU per event, measured batch     stream thread %.1f µs, this JVM (broker, scoring, load) %.1f µs%n",
          measuredCpu.streamThreadNanos() / 1e3 / measuredEvents, measuredCpu.processNanos() / 1e3 / measuredEvents);
      out.printf("scoring start-up and warm-up      %.1f s%n", warmupSeconds);
      out.printf("resident memory (this JVM: broker + scoring, throughput phase) %,d MB%n", PipelineLoad.residentMb(ProcessHandle.current().pid()));
      out.println("records written, per topic (transaction markers included):");
      Map<String, Long> records = recordsPerTopic(admin);
      records.forEach((topic, n) -> out.printf("  %-60s %,d%n", topic, n));
      long eventsSent = measuredEvents + warmupSent[1];
      long written = records.entrySet().stream().filter(e -> !e.getKey().equals(topics.articles().name()))
          .mapToLong(Map.Entry::getValue).sum();
      out.printf("records written per coded event    %.2f (every topic but the input, warm-up included: %,d records, %,d events)%n",
          (double) written / eventsSent, written, eventsSent);
      // Transaction markers are written per transaction and partition, not per event: the data
      // records alone say what each event costs, the markers what the commits do.
      Map<String, Long> data = dataRecordsPerTopic(kafka.bootstrapServers(), records.keySet());
      long dataWritten = data.entrySet().stream().filter(e -> !e.getKey().equals(topics.articles().name()))
          .mapToLong(Map.Entry::getValue).sum();
      out.printf("  of which data records             %.2f per event (%,d; transaction markers %,d)%n",
          (double) dataWritten / eventsSent, dataWritten, written - dataWritten);
      // Counted above before the floor runs: its output is not scoring's.
      StreamsFloor.Result floor = StreamsFloor.run(admin, kafka.bootstrapServers(), topics.articles(), eventsSent,
          scoringConfig.commitIntervalMs(), dir.resolve("streams-floor"), topics.scoringDlq().name(), Duration.ofMinutes(5));
      out.printf("Streams floor, exactly_once_v2    %,.0f events/s (read, decode, one record per event out; %,d events in %.2f s,"
          + " all there at its start)%n", floor.eventsPerSecond(), floor.events(), floor.seconds());
      out.printf("scoring / Streams floor           %.3f%n", scoringRate / floor.eventsPerSecond());
      out.flush();
      scoringReport.put("events", measuredEvents);
      scoringReport.put("articles", measuredSent[0]);
      scoringReport.put("warmupEvents", warmupSent[1]);
      scoringReport.put("eventsPerSecond", scoringRate);
      scoringReport.put("seconds", scoringSeconds);
      scoringReport.put("rawConsumerEventsPerSecond", rawRate);
      scoringReport.put("ratioToRawConsumer", scoringRate / rawRate);
      scoringReport.put("rawConsumerFirstPassSeconds", firstPassSeconds);
      scoringReport.put("streamThreadCpuMicrosPerEvent", measuredCpu.streamThreadNanos() / 1e3 / measuredEvents);
      scoringReport.put("processCpuMicrosPerEvent", measuredCpu.processNanos() / 1e3 / measuredEvents);
      scoringReport.put("streamsFloorEventsPerSecond", floor.eventsPerSecond());
      scoringReport.put("ratioToStreamsFloor", scoringRate / floor.eventsPerSecond());
      scoringReport.put("startupAndWarmupSeconds", warmupSeconds);
      scoringReport.put("recordsPerTopic", records);
      scoringReport.put("recordsWrittenPerEvent", (double) written / eventsSent);
      scoringReport.put("dataRecordsPerTopic", data);
      scoringReport.put("dataRecordsWrittenPerEvent", (double) dataWritten / eventsSent);
    }
    // The pipeline as deployed: each service its own process, articles over HTTP, e-mails to SMTP.
    // Four JVMs warm up on two cores: their C2 compilers were busy for the first ~100 s at 200
    // articles/s (a third of the services' CPU in the minute after a 60-s warm-up), quiet after
    // ~130 s. The measured window is the services' running cost; the warm-up's, with the JIT, is
    // reported beside it (docs/benchmarks.md, tenth session).
    Duration warm = Duration.ofSeconds(pipelineWarmup != null ? pipelineWarmup : quick ? 10 : DEFAULT_PIPELINE_WARMUP_SECONDS);
    Duration measured = Duration.ofSeconds(pipelineSeconds != null ? pipelineSeconds : quick ? 20 : 60);
    Duration newsMeasured = Duration.ofSeconds(newsSeconds != null ? newsSeconds : quick ? 20 : 60);
    PipelineLoad.NewsRate news = newsRate > 0
        ? new PipelineLoad.NewsRate(newsRate, newsMeasured.compareTo(NEWS_SETTLE) < 0 ? newsMeasured : NEWS_SETTLE, newsMeasured)
        : null;
    PipelineLoad.Result pipeline = new PipelineLoad(dir.resolve("pipeline"), err).run(articleRate, warm, measured, hops, news);
    PipelineLoad.Window window = pipeline.measured();
    out.printf("pipeline load                     %,.0f articles/s accepted over %d s (%,d articles), after %d s of warm-up%n",
        window.articlesPerSecond(), measured.toSeconds(), window.accepted(), warm.toSeconds());
    out.printf("alert e-mails accepted by SMTP    %,d (latency observations: %,d)%n", window.emails(), pipeline.latencyCount());
    out.printf("article accepted -> e-mail accepted  p50 %s, p95 %s, p99 %s (histogram bucket bounds)%n",
        ms(pipeline.latencySeconds().get(0.5)), ms(pipeline.latencySeconds().get(0.95)), ms(pipeline.latencySeconds().get(0.99)));
    Map<String, Long> exact = window.latencyMs();
    out.printf("  exact, from each e-mail's header  %s%n", exact.isEmpty() ? "no e-mail for the measured window"
        : String.format("p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms (%,d e-mails)",
            exact.get("p50"), exact.get("p95"), exact.get("p99"), exact.get("max"), exact.get("count")));
    if (hops) {
      out.println("visible on each topic after the article was accepted (read_committed; records, p50 / p95 / p99):");
    }
    pipeline.hops().forEach((topic, h) -> out.printf("  %-28s %,7d   %,6d / %,6d / %,6d ms%n", topic, h[0], h[1], h[2], h[3]));
    PipelineLoad.Window warmup = pipeline.warmup();
    double warmupBeyondCodingMs = servicesBeyondCodingMs(warmup);
    out.printf("CPU used in the %.0f-s warm-up (the JVMs' start and JIT, %,d articles):%n", warmup.seconds(), warmup.accepted());
    printCpu(warmup.cpuSeconds(), warmup.accepted(), out);
    out.printf("  the three services beyond coding   %.2f ms per article%n", warmupBeyondCodingMs);
    out.printf("CPU used in the measured %.0f s (%d cores: %.0f s available):%n", window.seconds(),
        Runtime.getRuntime().availableProcessors(), window.seconds() * Runtime.getRuntime().availableProcessors());
    printCpu(window.cpuSeconds(), window.accepted(), out);
    double codingMs = codingMs(window);
    double beyondCodingMs = servicesBeyondCodingMs(window);
    out.printf("  of ingest's, coding (the coder)    %.1f s  (%.2f ms per article)%n", window.codingCpuSeconds(), codingMs);
    out.printf("  the three services beyond coding   %.2f ms per article (issue 16: at most 2.5)%n", beyondCodingMs);
    pipeline.residentMb().forEach((service, mb) -> out.printf("resident memory, %-16s %,d MB (highest VmRSS under the load)%n", service, mb));
    Map<String, Object> newsReport = pipeline.news() == null ? null : newsRate(pipeline.news(), news.settle(), out);
    out.printf("machine                           %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    Map<String, Object> pipelineReport = new java.util.LinkedHashMap<>();
    pipelineReport.put("rate", articleRate);
    pipelineReport.put("articlesPerSecond", window.articlesPerSecond());
    pipelineReport.put("accepted", window.accepted());
    pipelineReport.put("seconds", window.seconds());
    pipelineReport.put("emails", window.emails());
    pipelineReport.put("latencyObservations", pipeline.latencyCount());
    Map<String, Object> latency = new java.util.LinkedHashMap<>();
    pipeline.latencySeconds().forEach((q, seconds) -> latency.put("p" + Math.round(q * 100),
        seconds == null || seconds.isNaN() || seconds.isInfinite() ? null : seconds * 1000));
    pipelineReport.put("latencyMsBucketBounds", latency);
    pipelineReport.put("latencyMs", window.latencyMs());
    pipelineReport.put("processes", cpuReport(window.cpuSeconds(), window.accepted()));
    pipelineReport.put("codingCpuMsPerArticle", nullIfNaN(codingMs));
    pipelineReport.put("servicesBeyondCodingCpuMsPerArticle", nullIfNaN(beyondCodingMs));
    pipelineReport.put("residentMb", pipeline.residentMb());
    Map<String, Object> warmupReport = new java.util.LinkedHashMap<>();
    warmupReport.put("seconds", warmup.seconds());
    warmupReport.put("accepted", warmup.accepted());
    warmupReport.put("processes", cpuReport(warmup.cpuSeconds(), warmup.accepted()));
    warmupReport.put("codingCpuMsPerArticle", nullIfNaN(codingMs(warmup)));
    warmupReport.put("servicesBeyondCodingCpuMsPerArticle", nullIfNaN(warmupBeyondCodingMs));
    pipelineReport.put("warmup", warmupReport);
    report.put("pipeline", pipelineReport);
    if (newsReport != null) {
      report.put("newsRate", newsReport);
    }
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
    if (json) {
      stdout.println(io.relmon.service.Json.MAPPER.writeValueAsString(report));
      stdout.flush();
    }
    if (quick) {
      out.println("(--quick is a smoke run: the JVMs are still compiling and the backlog of their start is still draining;"
          + " measure without --quick, docs/benchmarks.md)");
    }
    return 0;
  }

  /** Seconds of pipeline load before the measured window, unless {@code --pipeline-warmup} says otherwise. */
  static final int DEFAULT_PIPELINE_WARMUP_SECONDS = 150;

  /** What ingest's coder used per article accepted in a window, in ms (NaN when none was accepted). */
  private static double codingMs(PipelineLoad.Window window) {
    return window.accepted() == 0 ? Double.NaN : window.codingCpuSeconds() * 1000 / window.accepted();
  }

  /** The three services' CPU per article beyond the coder's (issue 16's figure), in ms (NaN when none was accepted). */
  private static double servicesBeyondCodingMs(PipelineLoad.Window window) {
    double services = window.cpuSeconds().entrySet().stream()
        .filter(e -> SERVICES.contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    return window.accepted() == 0 ? Double.NaN : services * 1000 / window.accepted() - codingMs(window);
  }

  /** A figure for {@code --json}: null where none could be computed (JSON has no NaN). */
  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : value;
  }

  /** How long the news-rate window is preceded by load at that rate (the fast window's backlog drains in seconds). */
  static final Duration NEWS_SETTLE = Duration.ofSeconds(15);

  /**
   * Prints the news-rate window and returns its part of the JSON report: CPU per process, in
   * seconds, per article and as a share of the machine (issue 16: services and broker at most
   * 10% at 2 articles/s; the bench JVM's share holds the broker, the SMTP server and the load).
   */
  private static Map<String, Object> newsRate(PipelineLoad.Window news, Duration settle, PrintStream out) {
    int cores = Runtime.getRuntime().availableProcessors();
    double available = news.seconds() * cores;
    double used = news.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    double share = available == 0 ? Double.NaN : used / available;
    out.printf("at news rate                      %.0f articles/s accepted over %.0f s (%,d articles), after %d s at that rate%n",
        news.articlesPerSecond(), news.seconds(), news.accepted(), settle.toSeconds());
    printCpu(news.cpuSeconds(), news.accepted(), out);
    out.printf("  all processes together             %.1f s of %.0f s: %.1f%% of the machine (issue 16: services and broker"
        + " at most 10%%)%n", used, available, share * 100);
    Map<String, Long> exact = news.latencyMs();
    out.printf("  e-mails, exact latency            %s%n", exact.isEmpty() ? "no e-mail for the window"
        : String.format("p50 %,d ms, max %,d ms (%,d e-mails)", exact.get("p50"), exact.get("max"), exact.get("count")));
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("rate", news.rate());
    report.put("articlesPerSecond", news.articlesPerSecond());
    report.put("accepted", news.accepted());
    report.put("seconds", news.seconds());
    report.put("settleSeconds", settle.toSeconds());
    report.put("processes", cpuReport(news.cpuSeconds(), news.accepted()));
    report.put("codingCpuMsPerArticle", news.accepted() == 0 ? null : news.codingCpuSeconds() * 1000 / news.accepted());
    report.put("machineShare", Double.isNaN(share) ? null : share);
    report.put("emails", news.emails());
    report.put("latencyMs", exact);
    return report;
  }

  /** One line per process: its CPU seconds in a window and per article accepted in it. */
  private static void printCpu(Map<String, Double> cpuSeconds, long accepted, PrintStream out) {
    cpuSeconds.forEach((process, used) -> out.printf("  %-34s %.1f s  (%.2f ms per article)%n", process, used,
        accepted == 0 ? Double.NaN : used * 1000 / accepted));
  }

  /** The same for {@code --json}: {@code <process>.{cpuSeconds, cpuMsPerArticle}}. */
  private static Map<String, Object> cpuReport(Map<String, Double> cpuSeconds, long accepted) {
    Map<String, Object> cpu = new java.util.LinkedHashMap<>();
    cpuSeconds.forEach((process, used) -> cpu.put(process, Map.of("cpuSeconds", used,
        "cpuMsPerArticle", accepted == 0 ? 0 : used * 1000 / accepted)));
    return cpu;
  }

  /** The processes issue 16's CPU target counts: the three services (not the bench JVM with the broker). */
  private static final java.util.Set<String> SERVICES = java.util.Set.of("ingest", "scoring", "alert");

  /** A quantile as printed (the form {@link #QUANTILE} matches): "<= 250 ms" (a bucket bound), "beyond the largest bucket (30 s)", or "n/a". */
  /** What {@link #ms} prints, as a regular expression (BenchCommandIT reads the output with it). */
  static final String QUANTILE = "(<= [\\d,]+ ms|beyond the largest bucket \\(30 s\\)|n/a)";

  static String ms(Double seconds) {
    if (seconds == null || seconds.isNaN()) {
      return "n/a";
    }
    return seconds.isInfinite() ? "beyond the largest bucket (30 s)" : String.format("<= %,.0f ms", seconds * 1000);
  }

  /**
   * The load's next articles, until they hold {@code events} coded events (the last one cut to
   * fit); deterministic. Returns the articles and the events sent.
   */
  private static long[] produce(String bootstrap, Topic<String, ArticleEvent> topic, SyntheticArticles load, long events)
      throws Exception {
    long articles = 0;
    long sent = 0;
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      while (sent < events) {
        ArticleEvent event = load.next();
        if (event.getEvents().size() > events - sent) {
          event.setEvents(List.copyOf(event.getEvents().subList(0, (int) (events - sent))));
        }
        sent += event.getEvents().size();
        articles++;
        long published = event.getPublished().toEpochMilli();
        producer.send(new ProducerRecord<>(topic.name(), null, published, event.getArticleId(), event),
            (metadata, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      if (failed.get() != null) {
        throw new IllegalStateException("the broker refused bench articles: " + failed.get().getMessage(), failed.get());
      }
    }
    return new long[] {articles, sent};
  }

  /** Reads and decodes every record of the topic; returns the coded events counted. */

  /**
   * The data records of each topic, read from the beginning (read_uncommitted: transaction
   * markers are not returned; the records of aborted transactions are, as they were written).
   */
  static Map<String, Long> dataRecordsPerTopic(String bootstrap, java.util.Collection<String> topicNames) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    topicNames.forEach(topic -> counts.put(topic, 0L));
    TopicReader.forEachWritten(bootstrap, topicNames, Duration.ofMinutes(5), r -> counts.merge(r.topic(), 1L, Long::sum));
    return counts;
  }

  /** End offsets summed per topic: how many records each hop wrote. */
  static Map<String, Long> recordsPerTopic(org.apache.kafka.clients.admin.Admin admin) throws Exception {
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> wanted = new HashMap<>();
    for (var topic : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
      if (!topic.name().startsWith("__")) {
        topic.partitions().forEach(p -> wanted.put(new org.apache.kafka.common.TopicPartition(topic.name(), p.partition()),
            org.apache.kafka.clients.admin.OffsetSpec.latest()));
      }
    }
    Map<String, Long> records = new java.util.TreeMap<>();
    admin.listOffsets(wanted).all().get().forEach((tp, info) -> records.merge(tp.topic(), info.offset(), Long::sum));
    records.values().removeIf(n -> n == 0);
    return records;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }


}
