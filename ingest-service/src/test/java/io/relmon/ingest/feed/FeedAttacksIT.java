package io.relmon.ingest.feed;

import io.relmon.service.DeadLetterInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestConfig;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DeadLetter;
import io.relmon.service.DeadLetters;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of 2026-12-02 on the feed poller, replayed against the ingest service, a real
 * broker and feeds served by loopback HTTP servers the test starts: links to the service's own
 * endpoints, a redirect to the cloud metadata address, a feed that trickles a byte a second,
 * pages of pathological spacing. The servers count every request, so "not fetched" is observed,
 * not assumed.
 */
@Timeout(180)
class FeedAttacksIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final String PARAGRAPH = "Officials in Seoul said the talks covered trade, the security of shipping lanes "
      + "and a joint response to the missile launches of the past month, and that both sides agreed to meet again.";
  private static final String PAGE = "<html><body><article><h1>Story</h1><p>%s</p><p>Second paragraph: %s</p></article></body></html>";

  @TempDir
  Path dir;

  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;
  private HttpServer slowServer;
  private int port;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicLong trickleStarted = new AtomicLong();
  /** When the trickling feed's connection was closed under it (System.nanoTime); 0 while it runs. */
  private final AtomicLong trickleHungUp = new AtomicLong();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    port = server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
    // Another host:port, so that politeness towards the trickling host does not queue the others.
    slowServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slowServer.setExecutor(handlers);
    slowServer.createContext("/", this::handle);
    slowServer.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    slowServer.stop(0);
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    String local = "http://localhost:" + port;
    String loopback = "http://127.0.0.1:" + port;
    try (exchange) {
      switch (path) {
        case "/ssrf.xml" -> respond(exchange, 200, rss("Hostile Wire",
            item("Warmth", loopback + "/v1/warmth"),
            item("Metrics", "http://127.0.0.1:8082/metrics"),
            item("Redirected", local + "/to-metadata"),
            item("Fine", local + "/fine.html")));
        case "/to-metadata" -> {
          exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
          exchange.sendResponseHeaders(302, -1);
        }
        case "/fast.xml" -> respond(exchange, 200, rss("Fast Wire",
            item("Fast one", loopback + "/fast1.html"), item("Fast two", loopback + "/fast2.html")));
        case "/slow.xml" -> trickle(exchange);
        case "/spacing.xml" -> respond(exchange, 200, rss("Spacing Wire",
            item("Before", loopback + "/before.html"),
            item("Eight hundred spaces", loopback + "/spaces-800.html"),
            item("A megabyte of spaces", loopback + "/spaces-1mb.html"),
            item("Long spacing", loopback + "/spaces-190k.html"),
            item("After", loopback + "/after.html")));
        case "/spaces-800.html" -> respond(exchange, 200, spacedPage(800));
        case "/spaces-1mb.html" -> respond(exchange, 200, spacedPage(1 << 20));
        case "/spaces-190k.html" -> respond(exchange, 200, spacedPage(190_000));
        case "/fine.html", "/fast1.html", "/fast2.html", "/before.html", "/after.html", "/v1/warmth", "/metrics" ->
            respond(exchange, 200, PAGE.formatted(path + " " + PARAGRAPH, PARAGRAPH));
        default -> respond(exchange, 404, "not found");
      }
    }
  }

  /** An article whose one list item is "A", {@code spaces} spaces and "x." ({@code <pre>} keeps them). */
  private static String spacedPage(int spaces) {
    return "<html><body><article><p>" + PARAGRAPH + "</p><ul><li><pre>A" + " ".repeat(spaces) + "x.</pre></li></ul><p>"
        + PARAGRAPH + "</p></article></body></html>";
  }

  /** A feed document that sends its headers, then one byte a second for up to a minute. */
  private void trickle(HttpExchange exchange) throws IOException {
    trickleStarted.set(System.nanoTime());
    exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    byte[] start = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8);
    try {
      for (int i = 0; i < 60; i++) {
        out.write(start[i % start.length]);
        out.flush();
        Thread.sleep(1000);
      }
    } catch (IOException hungUp) {
      trickleHungUp.set(System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rss(String title, String... items) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>%s</title><link>http://example.org/</link><description>d</description>
        %s
        </channel></rss>
        """.formatted(title, String.join("\n", items));
  }

  private static String item(String title, String link) {
    return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>Tue, 13 Jan 2026 09:00:00 +0900</pubDate></item>";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private Path feeds(String... urls) throws IOException {
    StringBuilder yaml = new StringBuilder("interval: PT10S\npoliteness: PT0.1S\nfeeds:\n");
    for (String url : urls) {
      yaml.append("  - url: ").append(url).append('\n');
    }
    return Files.writeString(dir.resolve("feeds.yaml"), yaml);
  }

  private IngestApp start(EmbeddedKafkaCluster kafka, Path feeds, Map<String, String> more) {
    try (var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
    }
    Map<String, String> settings = new HashMap<>(Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(),
        "relmon.ingest.host", "127.0.0.1", "relmon.ingest.port", "0", "relmon.ingest.token", "feed-test-token-0123456789",
        "relmon.ingest.feeds", feeds.toString()));
    settings.putAll(more);
    return IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), TOPICS);
  }

  @Test
  void shouldRefuseALoopbackFeedWithoutTheAllowListAndAskTheServerNothing() throws Exception {
    Path feeds = feeds("http://127.0.0.1:" + port + "/fast.xml", "http://localhost:" + port + "/ssrf.xml");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
        IngestApp ingest = start(kafka, feeds, Map.of())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> count(ingest, "relmon.ingest.feed.polls", "result", "refused") >= 2);
      Thread.sleep(1000);

      assertThat(requests).as("the server was asked nothing").isEmpty();
      assertThat(ingest.meters().get("relmon.ingest.feed.refusals").tag("fetch", "feed").tag("why", "address").counter().count())
          .isGreaterThanOrEqualTo(2);
      assertThat(ingest.meters().get("relmon.ingest.feed.consecutive.failures").tag("feed", "http://127.0.0.1:" + port + "/fast.xml")
          .gauge().value()).isGreaterThanOrEqualTo(1);
      assertThat(articles(kafka)).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterItemsLinkingToLoopbackOrRedirectingToMetadataWithoutFetchingThem() throws Exception {
    // The feed's host is allowed by name; the items' 127.0.0.1 is not, nor is 169.254.169.254.
    Path feeds = feeds("http://localhost:" + port + "/ssrf.xml");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
        IngestApp ingest = start(kafka, feeds, Map.of("relmon.ingest.feed.allow.hosts", "localhost"))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> articles(kafka).size() == 1 && deadLetters(kafka).size() == 3);
      Thread.sleep(1000);

      assertThat(articles(kafka)).extracting(ArticleEvent::getUrl).containsExactly("http://localhost:" + port + "/fine.html");
      List<ConsumerRecord<String, DeadLetter>> dead = deadLetters(kafka);
      assertThat(dead).hasSize(3);
      Map<String, String> reasonByOrigin = new HashMap<>();
      dead.forEach(r -> reasonByOrigin.put(header(r, DeadLetters.ORIGIN_HEADER), header(r, DeadLetters.REASON_HEADER)));
      String feed = "http://localhost:" + port + "/ssrf.xml → ";
      assertThat(reasonByOrigin.get(feed + "http://127.0.0.1:" + port + "/v1/warmth"))
          .isEqualTo("the item's page was not fetched: 127.0.0.1 is a loopback address; only public addresses are fetched (see "
              + AddressPolicy.ALLOW_SETTING + ")");
      assertThat(reasonByOrigin.get(feed + "http://127.0.0.1:8082/metrics")).contains("127.0.0.1 is a loopback address");
      assertThat(reasonByOrigin.get(feed + "http://localhost:" + port + "/to-metadata"))
          .contains("redirected from http://localhost:" + port + "/to-metadata to http://169.254.169.254/")
          .contains("a cloud metadata address");
      assertThat(dead).allSatisfy(r -> assertThat(r.value().getOriginalValue()).as("nothing of a refused page").isNull());
      assertThat(requests).doesNotContainKeys("/v1/warmth", "/metrics");
      assertThat(requests.get("/to-metadata").get()).isEqualTo(1);
      assertThat(ingest.meters().get("relmon.ingest.feed.refusals").tag("fetch", "page").tag("why", "address").counter().count())
          .isEqualTo(3);
      assertThat(ingest.meters().get("relmon.ingest.rejections").tag("source", "feed").tag("reason", "fetch_refused")
          .counter().count()).isEqualTo(3);
    }
  }

  @Test
  void shouldIngestTheOtherFeedsItemsWhileOneFeedTricklesAndCutTheTrickleAtTheDeadline() throws Exception {
    int slowPort = slowServer.getAddress().getPort();
    // The trickling feed first: polled one after the other, it would hold up the fast one.
    Path feeds = feeds("http://127.0.0.1:" + slowPort + "/slow.xml", "http://127.0.0.1:" + port + "/fast.xml");
    long deadlineMillis = 15_000;
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
        IngestApp ingest = start(kafka, feeds, Map.of("relmon.ingest.feed.allow.hosts", "127.0.0.1/32",
            "relmon.ingest.feed.timeout.ms", Long.toString(deadlineMillis)))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> articles(kafka).size() == 2);
      long fastDone = System.nanoTime();
      await().atMost(Duration.ofSeconds(60)).until(() -> trickleHungUp.get() != 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> count(ingest, "relmon.ingest.feed.polls", "result", "failed") >= 1);

      assertThat(articles(kafka)).extracting(a -> a.getUrl().replace("http://127.0.0.1:" + port, ""))
          .containsExactlyInAnyOrder("/fast1.html", "/fast2.html");
      assertThat(trickleStarted.get()).as("the trickle had begun").isNotZero();
      assertThat(fastDone).as("the fast feed's items were on the topic before the trickle was cut").isLessThan(trickleHungUp.get());
      long trickled = trickleHungUp.get() - trickleStarted.get();
      // Cut at the deadline; the server notices at its next write. The trickle itself lasts 60 s.
      assertThat(trickled).isBetween(TimeUnit.MILLISECONDS.toNanos(deadlineMillis - 1000),
          TimeUnit.MILLISECONDS.toNanos(deadlineMillis + 15_000));
      assertThat(ingest.meters().get("relmon.ingest.feed.polls").tag("feed", "http://127.0.0.1:" + slowPort + "/slow.xml")
          .tag("result", "failed").counter().count()).isEqualTo(1);
      System.out.println("FEED-ATTACKS-IT: fast feed ingested while the slow one trickled; the trickle cut after "
          + TimeUnit.NANOSECONDS.toMillis(trickled) + " ms (deadline " + deadlineMillis + " ms)");
    }
  }

  @Test
  void shouldGetPathologicalSpacingThroughQuicklyAndKeepTheOtherItemsFlowing() throws Exception {
    Path feeds = feeds("http://127.0.0.1:" + port + "/spacing.xml");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
        IngestApp ingest = start(kafka, feeds, Map.of("relmon.ingest.feed.allow.hosts", "127.0.0.1/32"))) {
      long start = System.nanoTime();
      // Every item ends on a topic: the articles, or the dead letters (the megabyte page's body is
      // over the article limit). The bound is the test: the coder once took 7 s on 800 spaces,
      // cubic in them, and would take days on 190,000.
      await().atMost(Duration.ofSeconds(90)).until(() -> articles(kafka).size() + deadLetters(kafka).size() == 5);
      long took = System.nanoTime() - start;

      List<ArticleEvent> articles = articles(kafka);
      assertThat(articles).extracting(a -> a.getUrl().replace("http://127.0.0.1:" + port, ""))
          .contains("/before.html", "/spaces-800.html", "/after.html");
      ArticleEvent spaced = articles.stream().filter(a -> a.getUrl().endsWith("/spaces-800.html")).findFirst().orElseThrow();
      assertThat(spaced.getBody()).as("the spacing reached the coder as it was").contains("A" + " ".repeat(800) + "x.");
      ConsumerRecord<String, DeadLetter> megabyte = deadLetters(kafka).stream().filter(r -> header(r, DeadLetters.ORIGIN_HEADER)
          .equals("http://127.0.0.1:" + port + "/spacing.xml → http://127.0.0.1:" + port + "/spaces-1mb.html")).findFirst().orElseThrow();
      // Whole, the page would make a dead letter over Kafka's record limit, never written.
      assertThat(megabyte.value().getReason()).startsWith("not an article: body: longer than 200000 characters")
          .endsWith("(the input's first " + DeadLetterInput.MAX_BYTES + " of " + spacedPage(1 << 20).length() + " bytes are kept)");
      assertThat(megabyte.value().getOriginalValue().remaining()).isEqualTo(DeadLetterInput.MAX_BYTES);
      System.out.println("FEED-ATTACKS-IT: 5 items of pathological spacing through in " + TimeUnit.NANOSECONDS.toMillis(took)
          + " ms; articles " + articles.size() + ", dead letters " + deadLetters(kafka).size()
          + "; coding time max " + ingest.meters().get("relmon.ingest.coding.time").timer().max(TimeUnit.MILLISECONDS) + " ms");
    }
  }

  private static double count(IngestApp ingest, String name, String tag, String value) {
    return ingest.meters().find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static List<ArticleEvent> articles(EmbeddedKafkaCluster kafka) {
    return TopicReader.values(kafka.bootstrapServers(), TOPICS.articles());
  }

  private static List<ConsumerRecord<String, DeadLetter>> deadLetters(EmbeddedKafkaCluster kafka) {
    return TopicReader.readAll(kafka.bootstrapServers(), TOPICS.ingestDlq());
  }
}
