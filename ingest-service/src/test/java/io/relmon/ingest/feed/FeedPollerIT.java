package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestAppAccess;
import io.relmon.ingest.IngestConfig;
import io.relmon.ingest.RefusingCoder;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.DeadLetters;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds and pages we write, served by a local HTTP server; the ingest service polls them
 * against a real broker.
 */
class FeedPollerIT {

  private static final Topics TOPICS = Topics.defaults();
  /** The test's feeds are on loopback, which only an explicit allow-list lets the poller fetch. */
  private static final String LOOPBACK_ALLOWED = "127.0.0.1/32";
  private static final String PARAGRAPH = "Officials in Seoul said the talks covered trade, the security of shipping lanes "
      + "and a joint response to the missile launches of the past month, and that both sides agreed to meet again.";

  @TempDir
  Path dir;

  private HttpServer server;
  private String base;
  private final AtomicInteger notModified = new AtomicInteger();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<Long> requestTimes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    requestTimes.add(System.nanoTime());
    try (exchange) {
      switch (path) {
        case "/rss.xml" -> {
          if ("\"rss-v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
          }
          exchange.getResponseHeaders().set("ETag", "\"rss-v1\"");
          respond(exchange, 200, "application/rss+xml", """
              <?xml version="1.0" encoding="UTF-8"?>
              <rss version="2.0"><channel><title>Peninsula Wire</title><link>%1$s/</link><description>d</description>
              <item><title>Seoul and Tokyo talk trade</title><link>%1$s/a1.html?utm_source=rss</link><pubDate>Tue, 13 Jan 2026 09:00:00 +0900</pubDate></item>
              <item><title>Aid reaches Pyongyang</title><link>%1$s/a2.html</link><pubDate>Wed, 14 Jan 2026 10:00:00 +0900</pubDate></item>
              <item><title>Teaser only</title><link>%1$s/thin.html</link><description>Too short.</description></item>
              <item><title>Removed</title><link>%1$s/gone.html</link></item>
              </channel></rss>
              """.formatted(base));
        }
        case "/atom.xml" -> respond(exchange, 200, "application/atom+xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times</title><id>urn:x</id><updated>2026-01-15T00:00:00Z</updated>
            <entry><title>Beijing hosts a summit</title><id>urn:e1</id><link href="%1$s/b1.html"/><updated>2026-01-15T08:00:00Z</updated></entry>
            </feed>
            """.formatted(base));
        case "/broken.xml" -> respond(exchange, 500, "text/plain", "down");
        case "/refusing.xml" -> respond(exchange, 200, "application/rss+xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Long Reads</title><link>%1$s/</link><description>d</description>
            <item><title>First</title><link>%1$s/r1.html</link><pubDate>Tue, 13 Jan 2026 09:00:00 +0900</pubDate></item>
            <item><title>Too long to code</title><link>%1$s/r2.html</link><pubDate>Tue, 13 Jan 2026 10:00:00 +0900</pubDate></item>
            <item><title>Third</title><link>%1$s/r3.html</link><pubDate>Tue, 13 Jan 2026 11:00:00 +0900</pubDate></item>
            </channel></rss>
            """.formatted(base));
        case "/r1.html", "/r3.html" -> respond(exchange, 200, "text/html",
            "<html><body><article><p>%s</p><p>%s</p><p>%s</p></article></body></html>".formatted(PARAGRAPH, PARAGRAPH, path));
        case "/r2.html" -> respond(exchange, 200, "text/html",
            "<html><body><article><p>%s</p><p>%s</p><p>%s</p></article></body></html>".formatted(PARAGRAPH, PARAGRAPH, RefusingCoder.MARKER));
        case "/a1.html", "/a2.html", "/b1.html" -> respond(exchange, 200, "text/html", """
            <html><head><title>Site | story</title><script>var x = "<p>not text</p>";</script></head><body>
            <nav><p>Home News Sport Weather and a long menu of sections nobody reads as an article, really.</p></nav>
            <article><h1>Story %s</h1><p>%s</p><p>Second paragraph: %s</p></article>
            <footer><p>Copyright and cookie notice that must not be taken for the article text at all.</p></footer>
            </body></html>
            """.formatted(path, PARAGRAPH, PARAGRAPH));
        case "/thin.html" -> respond(exchange, 200, "text/html", "<html><body><p>Subscribe to read.</p></body></html>");
        default -> respond(exchange, 404, "text/plain", "not found");
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Test
  void shouldIngestNewItemsOnceDeadLetterTheUnusableAndKeepPollingPastABrokenFeed() throws Exception {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, """
        interval: PT10S
        politeness: PT0.3S
        feeds:
          - url: %1$s/rss.xml
            source: Yonhap
          - url: %1$s/broken.xml
          - url: %1$s/atom.xml
        """.formatted(base));
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, TOPICS, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", "feed-test-token-0123456789", "relmon.ingest.feeds", feeds.toString(),
          "relmon.ingest.feed.allow.hosts", LOOPBACK_ALLOWED);
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), TOPICS)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> articles(kafka).size() == 3);
        // A second poll of every feed: the RSS feed answers 304, nothing is ingested twice.
        await().atMost(Duration.ofSeconds(30)).until(() -> notModified.get() >= 1);
        Thread.sleep(1000);

        List<ArticleEvent> articles = articles(kafka);
        assertThat(articles).extracting(a -> a.getUrl().replace(base, "")).containsExactlyInAnyOrder("/a1.html?utm_source=rss", "/a2.html", "/b1.html");
        ArticleEvent a1 = articles.stream().filter(a -> a.getUrl().contains("a1")).findFirst().orElseThrow();
        assertThat(a1.getSource()).isEqualTo("Yonhap");
        assertThat(a1.getTitle()).isEqualTo("Seoul and Tokyo talk trade");
        assertThat(a1.getBody()).startsWith(PARAGRAPH).contains("Second paragraph").doesNotContain("menu").doesNotContain("cookie")
            .doesNotContain("not text");
        assertThat(a1.getPublished().toString()).isEqualTo("2026-01-13T00:00:00Z");
        assertThat(articles.stream().filter(a -> a.getUrl().contains("b1")).findFirst().orElseThrow().getSource()).isEqualTo("Harbour Times");

        List<ConsumerRecord<String, io.relmon.schemas.avro.DeadLetter>> dead = TopicReader.readAll(kafka.bootstrapServers(), TOPICS.ingestDlq());
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON_HEADER)).containsExactlyInAnyOrder(
            "no article text on the item's page (18 characters, fewer than 200)", "the item's page answered 404");
        assertThat(dead).extracting(r -> header(r, DeadLetters.ORIGIN_HEADER))
            .allSatisfy(origin -> assertThat(origin).startsWith(base + "/rss.xml → " + base));

        assertThat(requests.get("/a1.html").get()).as("a page is fetched once").isEqualTo(1);
        assertThat(requests.get("/broken.xml").get()).isGreaterThanOrEqualTo(1);
        double failed = ingest.meters().get("relmon.ingest.feed.polls").tag("result", "failed").counter().count();
        assertThat(failed).isGreaterThanOrEqualTo(1);
        long closest = closestRequests();
        assertThat(closest).as("politeness: requests to one host at least 0.3 s apart").isGreaterThanOrEqualTo(290_000_000L);
        System.out.println("FEED-IT: 3 articles ingested once, 2 items dead-lettered, " + notModified.get()
            + " conditional GETs answered 304, broken feed polls failed: " + (long) failed);
      }
      // A restart forgets everything but the topic: the items already published are not fetched again.
      try (IngestApp again = IngestApp.start(IngestConfig.from(new Settings(Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(),
          "relmon.ingest.host", "127.0.0.1", "relmon.ingest.port", "0", "relmon.ingest.token", "feed-test-token-0123456789",
          "relmon.ingest.feeds", feeds.toString(),
          "relmon.ingest.feed.allow.hosts", LOOPBACK_ALLOWED)), Map.of()), TOPICS)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.get("/atom.xml").get() >= 3);
        Thread.sleep(1000);
        assertThat(articles(kafka)).hasSize(3);
        assertThat(requests.get("/a1.html").get()).isEqualTo(1);
      }
    }
  }

  @Test
  void shouldDeadLetterAnItemTheCoderRefusesWithTheReasonAndIngestTheNext() throws Exception {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, """
        interval: PT10S
        politeness: PT0.1S
        feeds:
          - url: %1$s/refusing.xml
            source: Yonhap
        """.formatted(base));
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, TOPICS, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", "feed-test-token-0123456789", "relmon.ingest.feeds", feeds.toString(),
          "relmon.ingest.feed.allow.hosts", LOOPBACK_ALLOWED);
      try (IngestApp ingest = IngestAppAccess.start(IngestConfig.from(new Settings(settings), Map.of()), TOPICS, new RefusingCoder())) {
        await().atMost(Duration.ofSeconds(30)).until(() -> articles(kafka).size() == 2
            && TopicReader.readAll(kafka.bootstrapServers(), TOPICS.ingestDlq()).size() == 1);

        assertThat(articles(kafka)).extracting(a -> a.getUrl().replace(base, "")).containsExactlyInAnyOrder("/r1.html", "/r3.html");
        List<ConsumerRecord<String, io.relmon.schemas.avro.DeadLetter>> dead = TopicReader.readAll(kafka.bootstrapServers(), TOPICS.ingestDlq());
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.REASON_HEADER)).isEqualTo("the coder refused the article: " + RefusingCoder.REASON);
        assertThat(header(dead.get(0), DeadLetters.ORIGIN_HEADER)).isEqualTo(base + "/refusing.xml → " + base + "/r2.html");
        assertThat(StandardCharsets.UTF_8.decode(dead.get(0).value().getOriginalValue()).toString()).contains(RefusingCoder.MARKER);
        assertThat(ingest.meters().get("relmon.ingest.rejections").tag("source", "feed").tag("reason", "coding_refused")
            .counter().count()).isEqualTo(1);
        assertThat(ingest.meters().get("relmon.ingest.feed.items").tag("result", "dead_lettered").counter().count()).isEqualTo(1);
        assertThat(requests.get("/r2.html").get()).isEqualTo(1);
      }
    }
  }

  private long closestRequests() {
    long closest = Long.MAX_VALUE;
    for (int i = 1; i < requestTimes.size(); i++) {
      closest = Math.min(closest, requestTimes.get(i) - requestTimes.get(i - 1));
    }
    return closest;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static List<ArticleEvent> articles(EmbeddedKafkaCluster kafka) {
    return TopicReader.values(kafka.bootstrapServers(), TOPICS.articles());
  }
}
