package io.relmon.ingest;

import io.relmon.service.BearerToken;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API when the coder refuses an article (a coder double that refuses a marked body, and
 * a publisher that acknowledges at once, without a broker): 422 with the reason for one article,
 * a rejected item for a batch whose other items are still published, and nothing published for
 * the refused one.
 */
class CodingRefusedHandlerTest {

  private static final String TOKEN = "refusal-test-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final List<ArticleEvent> published = new CopyOnWriteArrayList<>();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private HttpServer server;
  private URI api;

  @BeforeEach
  void serve() throws Exception {
    ArticleIngestor ingestor = new ArticleIngestor(new RefusingCoder(), SourceRegistry.load(), event -> {
      published.add(event);
      return CompletableFuture.completedFuture(null);
    }, SeenArticles.inMemory(1000), meters, Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC), PublishedRange.defaults());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/", new ArticlesHandler(ingestor, new BearerToken(TOKEN), Duration.ofSeconds(5), 1 << 20, 1000, 4, 64,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    server.start();
    api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/articles");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldAnswer422WithTheCodersReasonAndPublishNothingWhenTheCoderRefusesAnArticle() throws Exception {
    String refused = article("https://news.example/long", "Seoul protested on Jan. 14. " + RefusingCoder.MARKER);

    HttpResponse<String> response = post("application/json", refused);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("errors")).hasSize(1);
    assertThat(answer.get("errors").get(0).asText()).isEqualTo("the coder refused the article: " + RefusingCoder.REASON);
    assertThat(published).isEmpty();
    assertThat(rejections("http")).isEqualTo(1);
    assertThat(meters.get("relmon.ingest.articles").tag("source", "http").tag("result", "rejected").counter().count()).isEqualTo(1);

    // Not remembered: sent again, it is refused again, not called a duplicate.
    assertThat(post("application/json", refused).statusCode()).isEqualTo(422);
    assertThat(meters.get("relmon.ingest.articles").tag("source", "http").tag("result", "duplicate").counter().count()).isZero();
    assertThat(published).isEmpty();

    // And the service goes on with the next article.
    HttpResponse<String> next = post("application/json", article("https://news.example/short", "Seoul protested on Jan. 14."));
    assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
    assertThat(published).extracting(ArticleEvent::getUrl).containsExactly("https://news.example/short");
  }

  @Test
  void shouldRejectTheRefusedItemOfABatchAndAcceptTheOthers() throws Exception {
    String batch = article("https://news.example/b1", "Seoul and Tokyo held talks on Jan. 3.") + "\n"
        + article("https://news.example/b2", "Moscow sent aid on Jan. 4. " + RefusingCoder.MARKER) + "\n"
        + article("https://news.example/b3", "Beijing praised Moscow on Jan. 5.") + "\n";

    HttpResponse<String> response = post("application/x-ndjson", batch);

    assertThat(response.statusCode()).as("an item was rejected: " + response.body()).isEqualTo(400);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("accepted").findValuesAsText("item")).containsExactly("1", "3");
    assertThat(answer.get("rejected")).hasSize(1);
    JsonNode rejected = answer.get("rejected").get(0);
    assertThat(rejected.get("item").asInt()).isEqualTo(2);
    assertThat(rejected.get("id").asText()).isEqualTo(ArticleIds.forArticle("https://news.example/b2", null, null));
    assertThat(rejected.get("errors").get(0).asText()).isEqualTo("the coder refused the article: " + RefusingCoder.REASON);
    assertThat(answer.get("errors").get(0).asText()).isEqualTo("line 2: the coder refused the article: " + RefusingCoder.REASON);
    assertThat(answer.get("duplicates")).isEmpty();
    assertThat(answer.get("failed")).isEmpty();

    assertThat(published).extracting(ArticleEvent::getUrl).containsExactlyInAnyOrder("https://news.example/b1", "https://news.example/b3");
    assertThat(rejections("http")).isEqualTo(1);
    assertThat(meters.get("relmon.ingest.articles").tag("source", "http").tag("result", "accepted").counter().count()).isEqualTo(2);
  }

  @Test
  void shouldNotCallTheRepeatOfARefusedArticleInOneBatchADuplicate() throws Exception {
    String refused = article("https://news.example/twice", "Moscow sent aid on Jan. 4. " + RefusingCoder.MARKER);

    HttpResponse<String> response = post("application/x-ndjson", refused + "\n" + refused + "\n");

    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("rejected").findValuesAsText("item")).containsExactly("1", "2");
    assertThat(answer.get("duplicates")).as("a duplicate means: on the topic").isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void shouldCountRefusalsUnderOneBoundedReasonFromTheStart() {
    for (String source : List.of("http", "file", "feed")) {
      assertThat(rejections(source)).isZero();
    }
  }

  private double rejections(String source) {
    return meters.get("relmon.ingest.rejections").tag("source", source).tag("reason", "coding_refused").counter().count();
  }

  private static String article(String url, String body) {
    var node = Json.MAPPER.createObjectNode();
    node.put("url", url);
    node.put("source", "Yonhap");
    node.put("title", "A test article");
    node.put("body", body);
    node.put("published", "2026-01-14T09:00:00+09:00");
    return node.toString();
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
