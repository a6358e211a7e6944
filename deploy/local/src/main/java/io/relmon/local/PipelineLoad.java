package io.relmon.local;

import io.relmon.alert.AlertApp;
import io.relmon.ingest.IngestApp;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.scoring.ScoringApp;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.TopicSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole pipeline under a steady article rate, each service as its own process (as deployed:
 * its own JVM, heap at most half of its container: 512 MB, 1 GB for ingest), on a fresh in-process broker, with a
 * real SMTP server (SubEthaSMTP, counting what it accepts) taking the alert e-mails. Articles are plain text the coder reads
 * — summits, provocations, everyday statements among the states it knows ({@link PipelineArticles},
 * the same mix in every minute) — posted one per request to the ingest API. Every provocation
 * lands within a day of one summit of two other states, so the TIMED_PROVOCATION rule fires
 * steadily: two alert e-mails per provocation.
 *
 * <p>Latency is the alert service's own {@code relmon.pipeline.latency} histogram — from the
 * article accepted by ingest (a record header carried through scoring) to the e-mail accepted by
 * the SMTP server — read from its Prometheus endpoint after the warm-up and at the end, so only
 * the measured window counts; quantiles are the upper bounds of the histogram's buckets.
 * Resident memory is each process's VmRSS, sampled every second, the highest seen.
 */
final class PipelineLoad {

  /**
   * @param warmup the warm-up before it, at the same rate: its CPU holds the four JVMs' JIT
   *     (e-mails and latency not counted)
   * @param measured the measured window at the pipeline's rate
   * @param latencySeconds its quantiles as the histogram's bucket bounds (the alert service's own view)
   * @param news the news-rate window after it, or null
   */
  record Result(Window warmup, Window measured, Map<Double, Double> latencySeconds, long latencyCount, Map<String, Long> residentMb,
      Map<String, long[]> hops, Window news) {}

  /**
   * A second window at a news rate (a few articles a second, what real feeds bring), after the
   * measured one: the services are warm by then, as a service running for days is, so the CPU it
   * shows is the fixed cost an operator pays around the clock rather than the JIT of the first
   * minutes. {@code settle} at that rate comes first (the backlog of the fast window drained).
   */
  record NewsRate(double rate, Duration settle, Duration measured) {}

  /**
   * What one measured window saw: articles accepted, its length, CPU per process, e-mails and
   * their exact latency.
   *
   * @param codingCpuSeconds of ingest's CPU in the window, what its coding threads spent coding
   *     ({@code relmon.ingest.coding.cpu}): the coder's own cost, which issue 16's target leaves out
   * @param latencyMs exact quantiles (and max) of the e-mails received for the window's articles,
   *     from each e-mail's {@code Relmon-Article-Accepted-At} header to its arrival here
   */
  record Window(double rate, long accepted, double seconds, Map<String, Double> cpuSeconds, double codingCpuSeconds, long emails,
      Map<String, Long> latencyMs) {
    double articlesPerSecond() {
      return accepted / seconds;
    }
  }

  private final Path dir;
  private final PrintStream err;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String token = io.relmon.service.BearerToken.generate();

  PipelineLoad(Path dir, PrintStream err) {
    this.dir = dir;
    this.err = err;
  }

  /**
   * Runs the load; with {@code watchHops}, a consumer also notes when each record becomes visible
   * per topic (it costs the broker fetches of its own, so it is off unless asked for).
   */
  Result run(double rate, Duration warmup, Duration measured, boolean watchHops, NewsRate newsRate) throws Exception {
    Files.createDirectories(dir);
    Topics topics = Topics.defaults();
    // A real SMTP server that accepts each message (250 after DATA) and counts it. GreenMail parses
    // every MIME message it receives, which here took as much CPU as the broker's request handlers.
    AtomicInteger received = new AtomicInteger();
    // Each e-mail names when its article was accepted: arrival minus that is its exact latency,
    // kept with the acceptance time so the measured window can be told from the warm-up.
    java.util.Queue<long[]> acceptedAndLatency = new java.util.concurrent.ConcurrentLinkedQueue<>();
    org.subethamail.smtp.server.SMTPServer smtp = org.subethamail.smtp.server.SMTPServer.port(0)
        .bindAddress(java.net.InetAddress.getLoopbackAddress())
        .messageHandler((context, from, to, data) -> {
          long arrived = System.currentTimeMillis();
          received.incrementAndGet();
          acceptedAt(data).ifPresent(at -> acceptedAndLatency.add(new long[] {at, arrived - at}));
        })
        .build();
    smtp.start();
    List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Ctrl-C or a SIGTERM to the benchmark must not leave the services running on their own.
    Thread stopServices = new Thread(() -> {
      try {
        stop(processes);
      } catch (InterruptedException e) {
        processes.forEach(Process::destroyForcibly);
      }
    }, "bench-stop-services");
    Runtime.getRuntime().addShutdownHook(stopServices);
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, topics, kafka.replicationFactor());
      Path rules = dir.resolve("bench-rules.yaml");
      Files.writeString(rules, """
          # relmon bench: an alert e-mail for every timed provocation
          channels:
            bench-desk:
              email:
                to: [bench-desk@relmon.example]
          rules:
            - name: bench-provocations
              kind: signal
              dyads: all
              signal: TIMED_PROVOCATION
              severity: WARNING
              channels: [bench-desk]
          """);
      int ingestPort = freePort();
      int scoringPort = freePort();
      int alertPort = freePort();
      Map<String, String> env = new StackSettings(kafka.bootstrapServers(), ingestPort, token, scoringPort, alertPort, dir,
          rules, smtp.getPortAllocated(), null).environment();
      Map<String, Process> services = new LinkedHashMap<>();
      for (Map.Entry<String, Class<?>> service : List.<Map.Entry<String, Class<?>>>of(Map.entry("ingest", IngestApp.class),
          Map.entry("scoring", ScoringApp.class), Map.entry("alert", AlertApp.class))) {
        Process process = start(service.getKey(), service.getValue(), env);
        processes.add(process);
        services.put(service.getKey(), process);
      }
      Readiness.await(Map.of("ingest", ingestPort, "scoring", scoringPort, "alert", alertPort),
          name -> services.get(name).isAlive() ? null : "stopped at start; its log: " + dir.resolve(name + ".log"),
          Duration.ofMinutes(2));

      Map<String, Long> rss = new ConcurrentHashMap<>();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-rss-sampler");
        t.setDaemon(true);
        return t;
      });
      sampler.scheduleAtFixedRate(() -> services.forEach((name, p) -> rss.merge(name, residentMb(p.pid()), Math::max)),
          0, 1, TimeUnit.SECONDS);
      HopWatcher hops = watchHops ? new HopWatcher(kafka.bootstrapServers(), List.of(topics.articles().name(), topics.events().name(),
          topics.signals().name(), topics.warmth().name(), topics.alerts().name())) : null;
      try {
        PipelineArticles articles = new PipelineArticles();
        err.printf("relmon bench: pipeline warm-up, %.0f articles/s for %d s%n", rate, warmup.toSeconds());
        Window warm = measure(articles, rate, warmup, ingestPort, services, null, null);
        Map<Double, Long> before = histogram(alertPort);
        if (hops != null) {
          hops.startCounting();
        }
        err.printf("relmon bench: pipeline measured, %.0f articles/s for %d s%n", rate, measured.toSeconds());
        Window window = measure(articles, rate, measured, ingestPort, services, received, acceptedAndLatency);
        Map<Double, Long> after = histogram(alertPort);
        Map<Double, Long> buckets = new TreeMap<>();
        after.forEach((le, n) -> buckets.put(le, n - before.getOrDefault(le, 0L)));
        long count = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        Map<Double, Double> quantiles = new LinkedHashMap<>();
        for (double q : new double[] {0.5, 0.95, 0.99}) {
          quantiles.put(q, quantile(buckets, q));
        }
        Map<String, long[]> hopSummary = hops == null ? Map.of() : hops.summary();
        Window news = null;
        if (newsRate != null) {
          if (hops != null) {
            hops.close(); // its fetches would count as the bench JVM's in the news-rate window
          }
          err.printf("relmon bench: news rate, %.0f articles/s: %d s to settle, then %d s measured%n", newsRate.rate(),
              newsRate.settle().toSeconds(), newsRate.measured().toSeconds());
          send(articles, newsRate.rate(), newsRate.settle(), ingestPort);
          news = measure(articles, newsRate.rate(), newsRate.measured(), ingestPort, services, received, acceptedAndLatency);
        }
        return new Result(warm, window, quantiles, count, new TreeMap<>(rss), hopSummary, news);
      } finally {
        if (hops != null) {
          hops.close();
        }
        sampler.shutdownNow();
        stop(processes); // before the broker they use goes away
      }
    } finally {
      stop(processes);
      smtp.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(stopServices);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it stops the services
      }
    }
  }

  /** The header the alert e-mails carry (alert-service's {@code Mailer.ACCEPTED_AT_HEADER}). */
  static final String ACCEPTED_AT_HEADER = "Relmon-Article-Accepted-At";

  /** When the e-mail's article was accepted, from its header (epoch millis); empty when absent or unreadable. */
  static java.util.OptionalLong acceptedAt(byte[] message) {
    // Headers end at the first empty line; only they are read (ASCII, RFC 5322), never the body.
    String text = new String(message, 0, Math.min(message.length, 16 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String headers = end < 0 ? text : text.substring(0, end);
    for (String line : headers.split("\r\n")) {
      if (line.regionMatches(true, 0, ACCEPTED_AT_HEADER + ":", 0, ACCEPTED_AT_HEADER.length() + 1)) {
        try {
          return java.util.OptionalLong.of(java.time.Instant.parse(line.substring(ACCEPTED_AT_HEADER.length() + 1).strip()).toEpochMilli());
        } catch (java.time.format.DateTimeParseException e) {
          return java.util.OptionalLong.empty();
        }
      }
    }
    return java.util.OptionalLong.empty();
  }

  /** p50, p95, p99 (nearest rank) and max of sorted latencies in ms, and their count; empty when none. */
  static Map<String, Long> exactQuantiles(long[] sorted) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (sorted.length == 0) {
      return out;
    }
    for (int q : new int[] {50, 95, 99}) {
      int rank = (int) Math.ceil(q / 100.0 * sorted.length);
      out.put("p" + q, sorted[Math.max(0, rank - 1)]);
    }
    out.put("max", sorted[sorted.length - 1]);
    out.put("count", (long) sorted.length);
    return out;
  }

  /**
   * Posts articles at {@code rate} for {@code duration} and measures that window: the CPU each
   * process used in it, what ingest's coder used, and the e-mails of its articles (awaited until
   * the mail stops) with their exact latency — unless {@code received} is null (a warm-up, which
   * the next window follows at once: no e-mails are counted or awaited).
   */
  private Window measure(PipelineArticles articles, double rate, Duration duration, int ingestPort, Map<String, Process> services,
      AtomicInteger received, java.util.Queue<long[]> acceptedAndLatency) throws Exception {
    Map<String, Double> cpuBefore = cpuSeconds(services);
    double codingBefore = codingCpuSeconds(ingestPort);
    int emailsBefore = received == null ? 0 : received.get();
    long t0 = System.nanoTime();
    long windowStart = System.currentTimeMillis();
    long accepted = send(articles, rate, duration, ingestPort);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long windowEnd = System.currentTimeMillis();
    Map<String, Double> cpu = cpuSeconds(services);
    cpu.replaceAll((name, used) -> used - cpuBefore.get(name));
    double coding = codingCpuSeconds(ingestPort) - codingBefore;
    if (received == null) {
      return new Window(rate, accepted, seconds, cpu, coding, 0, Map.of());
    }
    // What was accepted in the window is e-mailed within seconds; wait until the mail stops.
    int emails = awaitQuiet(received, Duration.ofSeconds(5), Duration.ofMinutes(2));
    long[] latencies = acceptedAndLatency.stream()
        .filter(e -> e[0] >= windowStart && e[0] <= windowEnd)
        .mapToLong(e -> e[1]).sorted().toArray();
    return new Window(rate, accepted, seconds, cpu, coding, emails - emailsBefore, exactQuantiles(latencies));
  }

  /** Posts articles at {@code rate} for {@code duration}; returns how many were accepted (202). */
  private long send(PipelineArticles articles, double rate, Duration duration, int port) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/v1/articles");
    AtomicInteger accepted = new AtomicInteger();
    // Why each article was not accepted: its status, or the client's exception (a timeout, a refused connection).
    Map<String, Integer> refused = new ConcurrentHashMap<>();
    long total = (long) (rate * duration.toSeconds());
    long start = System.nanoTime();
    List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
    for (long k = 0; k < total; k++) {
      long due = start + (long) (k * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(articles.next())).build();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, e) -> {
        if (e == null && response.statusCode() == 202) {
          accepted.incrementAndGet();
        } else {
          refused.merge(e == null ? "HTTP " + response.statusCode() : reason(e.getCause() != null ? e.getCause() : e), 1, Integer::sum);
        }
      }));
    }
    for (var f : inFlight) {
      try {
        f.join();
      } catch (RuntimeException e) {
        // counted as refused
      }
    }
    int notAccepted = refused.values().stream().mapToInt(Integer::intValue).sum();
    if (notAccepted > 0) {
      err.printf("relmon bench: %d of %d articles not accepted (%s)%n", notAccepted, total, new TreeMap<>(refused));
    }
    return accepted.get();
  }

  /** An exception's class and message, e.g. "IOException: HTTP/1.1 header parser received no bytes". */
  static String reason(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }

  private static final Pattern BUCKET = Pattern.compile("^relmon_pipeline_latency_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+]+)", Pattern.MULTILINE);

  private static final Pattern CODING_CPU = Pattern.compile("^relmon_ingest_coding_cpu_seconds_total(?:\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);

  /** CPU seconds ingest's coding threads have spent coding, from its metrics (NaN when it does not say). */
  private double codingCpuSeconds(int ingestPort) throws Exception {
    Matcher m = CODING_CPU.matcher(metrics(ingestPort));
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** A service's Prometheus text. */
  private String metrics(int port) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ServiceHttpServer.METRICS_PATH)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The latency histogram's cumulative buckets, summed over channels: upper bound (s) → count. */
  private Map<Double, Long> histogram(int alertPort) throws Exception {
    Map<Double, Long> buckets = new TreeMap<>();
    Matcher m = BUCKET.matcher(metrics(alertPort));
    while (m.find()) {
      double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
      buckets.merge(le, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return buckets;
  }

  /** The smallest bucket bound holding at least {@code q} of the observations (NaN when none). */
  static double quantile(Map<Double, Long> cumulative, double q) {
    long total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0L);
    if (total == 0) {
      return Double.NaN;
    }
    for (var bucket : new TreeMap<>(cumulative).entrySet()) {
      if (bucket.getValue() >= Math.ceil(q * total)) {
        return bucket.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private int awaitQuiet(AtomicInteger received, Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = received.get();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > quiet.toNanos()) {
        return now;
      }
      Thread.sleep(250);
    }
    return last;
  }

  private static void stop(List<Process> processes) throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The memory of each service's container in the deployment manifests (deploy/k8s), in MB. */
  static int containerMb(String service) {
    return service.equals("ingest") ? 1024 : 512;
  }

  /**
   * The JVM options of each service's image ({@code JAVA_TOOL_OPTIONS} in its Dockerfile;
   * {@code DeployManifestsTest} holds them equal): heap at most half of the container, the rest for
   * metaspace, threads, RocksDB and the JIT; the garbage collector named, as the JVM would choose
   * it by the container's size otherwise — Serial for scoring and alert (small live sets: no
   * concurrent marking threads, cheaper barriers), G1 for ingest, whose coder models fill up to two
   * thirds of its heap, where Serial's fixed old generation would leave them no room
   * (docs/benchmarks.md, 2026-12-03 fourth session).
   */
  static String imageJavaOptions(String service) {
    return "-XX:MaxRAMPercentage=50 " + (service.equals("ingest") ? "-XX:+UseG1GC" : "-XX:+UseSerialGC") + " -XX:+ExitOnOutOfMemoryError";
  }

  private Process start(String name, Class<?> main, Map<String, String> env) throws IOException {
    // As in the images, in containers of their size: scoring and alert get 512 MB; ingest 1 GB,
    // because the coder's tagger and parser models stay on its heap (~350 MB live once loaded).
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:MaxRAM=" + containerMb(name) + "m"));
    command.addAll(List.of(imageJavaOptions(name).split(" ")));
    // RELMON_BENCH_JAVA_OPTS: more JVM options for each service, for trying a setting under the load.
    String more = System.getenv("RELMON_BENCH_JAVA_OPTS");
    if (more != null && !more.isBlank()) {
      command.addAll(List.of(more.trim().split("\\s+")));
    }
    // RELMON_BENCH_JFR=<dir>: a flight recording of each service, for profiling under the load.
    String jfr = System.getenv("RELMON_BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr, name + ".jfr"));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    return builder.start();
  }

  /** CPU time (user + system) each service process and this one (broker, SMTP, client) have used so far. */
  private static Map<String, Double> cpuSeconds(Map<String, Process> services) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    services.forEach((name, p) -> cpu.put(name, cpuSeconds(p.pid())));
    cpu.put("bench JVM (broker, SMTP, client)", cpuSeconds(ProcessHandle.current().pid()));
    return cpu;
  }

  /** utime + stime of a process from /proc/<pid>/stat, in seconds (clock ticks of 1/100 s); NaN elsewhere. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static long residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // gone, or not Linux
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
