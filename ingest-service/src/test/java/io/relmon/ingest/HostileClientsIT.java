package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.service.Json;
import io.relmon.service.ServiceHttpServer;
import io.relmon.service.Settings;
import io.relmon.service.TopicSetup;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest service, its real coder and a real broker, tried as an attacker would
 * (docs/reliability.md): idle and trickling connections, oversized fields, impossible
 * publication times, huge batches, pathological spacing, near-miss paths. Each answer is the
 * one the table in docs/reliability.md promises, and valid articles go on being accepted.
 */
class HostileClientsIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static EmbeddedKafkaCluster kafka;
  private static IngestApp ingest;
  private static String base;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafkaCluster.startSingleNode();
    try (var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
    }
    ingest = IngestApp.start(IngestConfig.from(new Settings(IngestApiIT.settings(kafka.bootstrapServers())), Map.of()), TOPICS);
    base = "http://127.0.0.1:" + ingest.port();
  }

  @AfterAll
  static void stop() {
    ingest.close();
    kafka.close();
  }

  @Test
  void shouldServeHealthAndArticlesWhileFortyClientsTrickleAndThenCloseThem() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        Socket socket = new Socket("127.0.0.1", ingest.port());
        socket.getOutputStream().write('P');
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      // Before the fix, eight such connections held every thread of the pool: the probe hung.
      for (String path : List.of(ServiceHttpServer.LIVE_PATH, ServiceHttpServer.READY_PATH)) {
        HttpResponse<String> probe = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode()).as(path).isEqualTo(200);
      }
      assertThat(post(article("https://news.example/hostile/while-slow", "Seoul protested on Jan. 14.", "2026-01-14")).statusCode())
          .isEqualTo(202);

      // Each trickling connection is closed once the request timeout passes (the JDK checks every second or so).
      long deadline = System.nanoTime() + Duration.ofSeconds(ServiceHttpServer.MAX_REQUEST_SECONDS + 60).toNanos();
      for (Socket socket : slow) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        InputStream in = socket.getInputStream();
        assertThat(in.read()).as("the server closed the connection that never finished its request").isEqualTo(-1);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void shouldRefuseAnArticleWithAHugeUrlThatWouldCodeToAnEvent() throws Exception {
    HttpResponse<String> response = post(article("https://news.example/" + "u".repeat(600_000),
        "North Korea fired a ballistic missile toward Japan on Jan. 4.", "2026-01-04"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("url: longer than " + ArticleParser.MAX_URL_CHARS);
  }

  @Test
  void shouldAnswer400NotRetryLaterForPublicationTimesKafkaWouldRefuse() throws Exception {
    for (String time : List.of("1960-01-01", "2999-01-01T00:00:00Z")) {
      HttpResponse<String> response = post(article("https://news.example/hostile/" + time, "Seoul protested.", time));

      assertThat(response.statusCode()).as(time + ": " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Retry-After")).isEmpty();
      assertThat(response.body()).contains("out of range");
    }
  }

  @Test
  void shouldRefuseAHundredThousandItemBatchAtOnce() throws Exception {
    HttpResponse<String> response = CLIENT.send(request("/v1/articles")
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString("{}\n".repeat(100_000))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("at most 1000");
  }

  @Test
  void shouldCodePathologicalSpacingWithinTheBudgetOrRefuseIt() throws Exception {
    List<String> bodies = List.of("A" + " ".repeat(800) + "x.",
        "Seoul protested." + " ".repeat(150_000) + "Tokyo replied.",
        "a".repeat(199_000));
    for (String body : bodies) {
      long start = System.nanoTime();
      HttpResponse<String> response = post(article("https://news.example/spacing/" + body.length() + body.charAt(1), body, "2026-01-14"));
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;

      assertThat(response.statusCode()).as(response.body()).isIn(202, 422);
      // Generous for a busy machine: it took 7 s of one thread for the first body when the
      // dateline expression backtracked.
      assertThat(seconds).isLessThan(30);
    }
  }

  @Test
  void shouldAnswerOnlyExactPathsAndEveryErrorAsJson() throws Exception {
    for (String path : List.of("/metricsXYZ", "/health/liveX", "/health/ready/x", "/v1/articlesX", "/nothing")) {
      HttpResponse<String> response = CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      JsonNode answer = Json.MAPPER.readTree(response.body());
      assertThat(answer.get("errors").get(0).asText()).as(path).startsWith("no such resource");
    }
    assertThat(CLIENT.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + IngestApiIT.TOKEN);
  }

  private static HttpResponse<String> post(String json) throws Exception {
    return CLIENT.send(request("/v1/articles").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String article(String url, String body, String published) {
    var node = Json.MAPPER.createObjectNode();
    node.put("url", url);
    node.put("source", "Yonhap");
    node.put("title", "A hostile test");
    node.put("body", body);
    node.put("published", published);
    return node.toString();
  }
}
