package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Json;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API against a real broker: token, limits, field errors, batches, duplicates. */
class IngestApiIT {

  static final String TOKEN = "ingest-api-test-token-0123456789";
  private static final Topics TOPICS = Topics.defaults();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static EmbeddedKafkaCluster kafka;
  private static IngestApp ingest;
  private static String api;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafkaCluster.startSingleNode();
    try (var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
    }
    ingest = IngestApp.start(IngestConfig.from(new Settings(settings(kafka.bootstrapServers())), Map.of()), TOPICS);
    api = "http://127.0.0.1:" + ingest.port() + "/v1/articles";
  }

  static Map<String, String> settings(String bootstrap) {
    Map<String, String> settings = new HashMap<>();
    settings.put("relmon.kafka.bootstrap", bootstrap);
    settings.put("relmon.ingest.host", "127.0.0.1");
    settings.put("relmon.ingest.port", "0");
    settings.put("relmon.ingest.token", TOKEN);
    return settings;
  }

  @AfterAll
  static void stop() {
    ingest.close();
    kafka.close();
  }

  @Test
  void shouldRefuseARequestWithoutTheRightToken() throws Exception {
    assertThat(post(null, "application/json", article("https://news.example/t1", "Seoul protested.")).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = post("not-the-token-at-all-0000", "application/json", article("https://news.example/t1", "x"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"relmon-ingest\"");
  }

  @Test
  void shouldRefuseABodyOverTheLimitWith413() throws Exception {
    String huge = article("https://news.example/huge", "x".repeat(2 * 1024 * 1024));
    assertThat(post(TOKEN, "application/json", huge).statusCode()).isEqualTo(413);
  }

  @Test
  void shouldListEveryFieldErrorOfAnArrayOfWrongTypes() throws Exception {
    HttpResponse<String> response = post(TOKEN, "application/json", "[{\"title\": 42, \"body\": [1], \"published\": true}, 7]");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("rejected")).hasSize(2);
    assertThat(answer.get("errors").toString()).contains("item 1: title: must be a string, not number",
        "item 1: body: must be a string, not array", "item 1: published: must be a string, not boolean",
        "item 1: source: required", "item 2: body: expected a JSON object");
  }

  @Test
  void shouldAcceptAnArticleOnceAndCallItsResubmissionADuplicate() throws Exception {
    String article = article("https://news.example/once?utm_source=x", "Pyongyang criticised Beijing on Jan. 14.");
    HttpResponse<String> first = post(TOKEN, "application/json", article);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    String id = Json.MAPPER.readTree(first.body()).get("accepted").get(0).get("id").asText();

    // The same article under a URL that differs only by tracking parameters, case and fragment.
    HttpResponse<String> again = post(TOKEN, "application/json",
        article("https://NEWS.example/once?utm_medium=y#top", "Pyongyang criticised Beijing on Jan. 14."));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(again.body()).get("duplicates").get(0).get("id").asText()).isEqualTo(id);

    await().atMost(Duration.ofSeconds(10)).until(() -> onTopic(id) >= 1);
    Thread.sleep(500);
    assertThat(onTopic(id)).isEqualTo(1);
  }

  @Test
  void shouldAnswerEachLineOfAnNdjsonBatch() throws Exception {
    String batch = article("https://news.example/n1", "Seoul and Tokyo held talks on Jan. 3.") + "\n"
        + "\n"
        + "{\"title\": \"no body\"}\n"
        + article("https://news.example/n1", "Seoul and Tokyo held talks on Jan. 3.") + "\n"
        + article("https://news.example/n2", "Moscow sent aid to Pyongyang on Jan. 5.") + "\n";

    HttpResponse<String> response = post(TOKEN, "application/x-ndjson", batch);

    assertThat(response.statusCode()).as("a line was rejected").isEqualTo(400);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.get("accepted").findValuesAsText("item")).containsExactly("1", "5");
    assertThat(answer.get("rejected").get(0).get("item").asInt()).isEqualTo(3);
    assertThat(answer.get("rejected").get(0).get("errors").toString()).contains("body: required", "source: required");
    assertThat(answer.get("duplicates").get(0).get("item").asInt()).isEqualTo(4);
  }

  private static long onTopic(String id) {
    List<ArticleEvent> all = TopicReader.values(kafka.bootstrapServers(), TOPICS.articles());
    return all.stream().filter(a -> a.getArticleId().equals(id)).count();
  }

  static String article(String url, String body) {
    var node = Json.MAPPER.createObjectNode();
    node.put("url", url);
    node.put("source", "Yonhap");
    node.put("title", "A test article");
    node.put("body", body);
    node.put("published", "2026-01-14T09:00:00+09:00");
    return node.toString();
  }

  private static HttpResponse<String> post(String token, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
