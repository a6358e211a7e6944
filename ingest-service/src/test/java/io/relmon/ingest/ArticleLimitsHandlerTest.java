package io.relmon.ingest;

import io.relmon.service.BearerToken;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.coder.ArticleText;
import io.relmon.coder.Coding;
import io.relmon.coder.EventCoder;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Json;
import io.relmon.service.Metrics;
import io.relmon.service.ServiceHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's bounds on what one request may ask of the service, with a publisher that
 * acknowledges at once (no broker) behind the shared HTTP server: every field capped, the
 * publication time in range, a batch's item count, the requests coding at once, and a handler
 * that fails answering with a JSON reason.
 */
class ArticleLimitsHandlerTest {

  private static final String TOKEN = "limits-test-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
  /** In a body, makes the test coder throw, as a bug in the coder would. */
  private static final String FAIL = "[[fail]]";
  /** In a body, makes the test coder wait for {@link #release}. */
  private static final String HOLD = "[[hold]]";

  private final List<ArticleEvent> published = new CopyOnWriteArrayList<>();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private ServiceHttpServer server;
  private ArticlesHandler handler;
  /** The handler's own meters: a gauge keeps the first object registered under its name. */
  private MeterRegistry handlerMeters;
  private URI api;

  private final EventCoder coder = new EventCoder() {
    @Override
    public String version() {
      return "limits-test-coder/1";
    }

    @Override
    public Coding code(ArticleText article) {
      if (article.body().contains(FAIL)) {
        throw new IllegalStateException("a coder bug with the article's text in its message: " + article.body());
      }
      if (article.body().contains(HOLD)) {
        holding.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Coding(List.of(), List.of());
    }
  };

  @BeforeEach
  void serve() {
    serve(Duration.ofMillis(500), 1, ServiceHttpServer.MAX_CONNECTIONS / 2);
  }

  /** Serves the API afresh: a request waits for a coding slot at most {@code publishTimeout}. */
  private void serve(Duration publishTimeout, int codingSlots, int maxWaiting) {
    if (server != null) {
      server.close();
    }
    ArticleIngestor ingestor = new ArticleIngestor(coder, SourceRegistry.load(), event -> {
      published.add(event);
      return CompletableFuture.completedFuture(null);
    }, SeenArticles.inMemory(1000), meters, Clock.fixed(NOW, ZoneOffset.UTC), PublishedRange.defaults());
    handlerMeters = new SimpleMeterRegistry();
    handler = new ArticlesHandler(ingestor, new BearerToken(TOKEN), publishTimeout, 8 << 20, 1000, codingSlots, maxWaiting, handlerMeters);
    server = ServiceHttpServer.start("test", "127.0.0.1", 0, Metrics.registry("test"), () -> true,
        new ServiceHttpServer.Route("/v1/", handler));
    api = URI.create("http://127.0.0.1:" + server.port() + "/v1/articles");
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Test
  void shouldRejectEveryOversizedFieldNotOnlyTheBody() throws Exception {
    String longUrl = "https://news.example/" + "a".repeat(600_000);
    HttpResponse<String> response = post("application/json",
        article(longUrl, "x".repeat(1_001), "s".repeat(201), "Seoul protested.", "2026-01-14T09:00:00+09:00"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(errors(response)).containsExactlyInAnyOrder(
        "url: longer than " + ArticleParser.MAX_URL_CHARS + " characters",
        "title: longer than " + ArticleParser.MAX_TITLE_CHARS + " characters",
        "source: longer than " + ArticleParser.MAX_SOURCE_CHARS + " characters");
    assertThat(published).isEmpty();
  }

  @Test
  void shouldRejectAPublicationTimeBefore1970OrTooFarAheadWithTheRange() throws Exception {
    for (String time : List.of("1960-05-01T00:00:00Z", "2999-01-01", "2026-01-15T01:01:00Z")) {
      HttpResponse<String> response = post("application/json", article("https://news.example/" + time, "T", "Yonhap", "Seoul protested.", time));

      assertThat(response.statusCode()).as(time + ": " + response.body()).isEqualTo(400);
      assertThat(errors(response).get(0)).startsWith("published: ").contains("out of range")
          .contains("1970-01-01T00:00:00Z").contains("2026-01-15T01:00:00Z");
    }
    HttpResponse<String> justInRange = post("application/json",
        article("https://news.example/ok", "T", "Yonhap", "Seoul protested.", "2026-01-15T00:59:00Z"));
    assertThat(justInRange.statusCode()).as(justInRange.body()).isEqualTo(202);
    assertThat(published).hasSize(1);
    assertThat(meters.get("relmon.ingest.rejections").tag("source", "http").tag("reason", "published_out_of_range")
        .counter().count()).isEqualTo(3);
  }

  @Test
  void shouldRejectAnOutOfRangeItemOfABatchAndPublishTheOthers() throws Exception {
    String batch = article("https://news.example/b1", "T", "Yonhap", "Seoul protested.", "2026-01-14") + "\n"
        + article("https://news.example/b2", "T", "Yonhap", "Seoul protested.", "2999-01-14") + "\n";

    HttpResponse<String> response = post("application/x-ndjson", batch);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("accepted").findValuesAsText("item")).containsExactly("1");
    assertThat(answer.get("rejected").get(0).get("item").asInt()).isEqualTo(2);
    assertThat(answer.get("rejected").get(0).get("errors").get(0).asText()).startsWith("published: ");
    assertThat(published).extracting(ArticleEvent::getUrl).containsExactly("https://news.example/b1");
  }

  @Test
  void shouldRefuseABatchOverTheItemCapBeforeReadingAnyItem() throws Exception {
    HttpResponse<String> ndjson = post("application/x-ndjson", "{}\n".repeat(100_000));
    HttpResponse<String> array = post("application/json", "[" + String.join(",", java.util.Collections.nCopies(1_001, "{}")) + "]");

    for (HttpResponse<String> response : List.of(ndjson, array)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
      assertThat(errors(response).get(0)).contains("at most 1000");
    }
    assertThat(errors(ndjson).get(0)).startsWith("batch of 100000 articles");
    assertThat(meters.get("relmon.ingest.rejections").tag("source", "http").tag("reason", "invalid_fields").counter().count())
        .as("no item was parsed or validated").isZero();
  }

  @Test
  void shouldAnswerAFailingHandlerWithAJsonReasonAndGoOn() throws Exception {
    HttpResponse<String> response = post("application/json", article("https://news.example/f", "T", "Yonhap", "Boom " + FAIL, "2026-01-14"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(errors(response)).containsExactly("internal error: IllegalStateException");
    assertThat(response.body()).as("no article text in the answer").doesNotContain("Boom");

    assertThat(post("application/json", article("https://news.example/next", "T", "Yonhap", "Next.", "2026-01-14")).statusCode())
        .isEqualTo(202);
  }

  @Test
  void shouldAnswer503WhenEveryCodingSlotStaysBusyAndServeHealthMeanwhile() throws Exception {
    CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
      try {
        return post("application/json", article("https://news.example/held", "T", "Yonhap", "Slow " + HOLD, "2026-01-14"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> busy = post("application/json", article("https://news.example/busy", "T", "Yonhap", "Next.", "2026-01-14"));
    HttpResponse<String> live = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/live"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).isPresent();
    assertThat(errors(busy).get(0)).startsWith("busy");
    assertThat(live.statusCode()).isEqualTo(200);
    release.countDown();
    assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
  }

  @Test
  void shouldAnswerABacklogBeyondTheWaitingCapAt503AtOnceAndEveryRequestWithAStatus() throws Exception {
    // Long enough that no waiting request times out before the held one is released.
    serve(Duration.ofSeconds(60), 1, 3);
    CompletableFuture<HttpResponse<String>> held = postAsync(article("https://news.example/held", "T", "Yonhap", "Slow " + HOLD, "2026-01-14"));
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<HttpResponse<String>>> waiting = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(postAsync(article("https://news.example/waits-" + i, "T", "Yonhap", "Waits.", "2026-01-14")));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (handler.waitingRequests() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(handler.waitingRequests()).isEqualTo(3);
    assertThat(handlerMeters.get(ArticlesHandler.WAITING_METER).gauge().value()).isEqualTo(3.0);

    // Twenty more while the slot is held: each answered, 503 with a reason, without waiting.
    List<CompletableFuture<HttpResponse<String>>> over = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      over.add(postAsync(article("https://news.example/over-" + i, "T", "Yonhap", "Over.", "2026-01-14")));
    }
    for (CompletableFuture<HttpResponse<String>> response : over) {
      HttpResponse<String> busy = response.get(30, TimeUnit.SECONDS);
      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).isPresent();
      assertThat(errors(busy).get(0)).startsWith("busy").contains("3 requests wait");
    }
    assertThat(held).isNotDone();
    assertThat(waiting).noneMatch(CompletableFuture::isDone);

    release.countDown();
    assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    for (CompletableFuture<HttpResponse<String>> response : waiting) {
      assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }
    assertThat(handler.waitingRequests()).isZero();
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return CLIENT.sendAsync(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> errors(HttpResponse<String> response) throws Exception {
    JsonNode errors = Json.MAPPER.readTree(response.body()).get("errors");
    List<String> list = new java.util.ArrayList<>();
    errors.forEach(e -> list.add(e.asText()));
    return list;
  }

  private static String article(String url, String title, String source, String body, String published) {
    var node = Json.MAPPER.createObjectNode();
    node.put("url", url);
    node.put("source", source);
    node.put("title", title);
    node.put("body", body);
    node.put("published", published);
    return node.toString();
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
