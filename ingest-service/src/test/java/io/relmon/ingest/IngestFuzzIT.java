package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 malformed requests interleaved with valid articles against the real API and broker: no
 * crash, every bad input answered 4xx with a reason, every valid article answered 202 and on the
 * topic exactly once.
 */
class IngestFuzzIT {

  private static final int MALFORMED = 10_000;
  private static final int VALID_EVERY = 20;
  private static final String TOKEN = "fuzz-test-token-0123456789abcdef";

  @TempDir
  Path dir;

  /** One kind of bad input and how to make one. */
  private record Kind(String name, Function<Random, byte[]> make) {}

  @Test
  void shouldAnswerEveryBadInputWithAReasonAndPublishEveryValidArticleExactlyOnce() throws Exception {
    Random random = new Random(20261128);
    List<Kind> kinds = List.of(
        new Kind("random bytes", r -> bytes(r, 1 + r.nextInt(2000))),
        new Kind("invalid UTF-8", r -> {
          byte[] b = ("{\"title\": \"" + "x".repeat(r.nextInt(50)) + "\"}").getBytes(StandardCharsets.UTF_8);
          b[1 + r.nextInt(b.length - 2)] = (byte) (0x80 + r.nextInt(0x40));
          b[1 + r.nextInt(b.length - 2)] = (byte) 0xC3;
          return b;
        }),
        new Kind("wrong JSON types", r -> {
          String[] values = {"42", "true", "null", "[1,2]", "{\"a\":1}", "-0.5e7"};
          StringBuilder json = new StringBuilder("{");
          String[] fields = {"url", "source", "title", "body", "published", "id"};
          for (int i = 0; i < fields.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(fields[i]).append("\":")
                .append(r.nextInt(3) == 0 ? "\"fine\"" : values[r.nextInt(values.length)]);
          }
          return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }),
        new Kind("missing fields", r -> {
          var node = Json.MAPPER.createObjectNode();
          if (r.nextBoolean()) {
            node.put("title", "t");
          }
          if (r.nextBoolean()) {
            node.put("body", "b");
          }
          node.put("published", r.nextBoolean() ? "yesterday" : "2026-13-45");
          return node.toString().getBytes(StandardCharsets.UTF_8);
        }),
        new Kind("not JSON: HTML and script", r -> ("<html><script>alert(" + r.nextInt() + ")</script><p>hi</p></html>")
            .getBytes(StandardCharsets.UTF_8)),
        new Kind("truncated JSON", r -> {
          String json = article(r.nextInt(), "Seoul protested.");
          return json.substring(0, 1 + r.nextInt(json.length() - 2)).getBytes(StandardCharsets.UTF_8);
        }),
        new Kind("bad url and id", r -> ("{\"url\": \"javascript:alert(1)\", \"id\": \"../../etc/passwd\", \"source\": \"s\", "
            + "\"title\": \"t\", \"body\": \"b\", \"published\": \"2026-01-01\"}").getBytes(StandardCharsets.UTF_8)),
        new Kind("huge body", r -> new byte[(1 << 20) + 1 + r.nextInt(1 << 20)]));

    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      Topics topics = Topics.defaults();
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", TOKEN);
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        HttpClient client = HttpClient.newHttpClient();
        URI api = URI.create("http://127.0.0.1:" + ingest.port() + "/v1/articles");
        Map<String, Integer> badByKind = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> acceptedIds = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < MALFORMED; i++) {
          Kind kind = kinds.get(kind(random, kinds.size()));
          // The huge ones are a handful: each is a megabyte or two.
          if (kind.name().equals("huge body") && random.nextInt(50) != 0) {
            kind = kinds.get(0);
          }
          HttpResponse<String> bad = post(client, api, kind.make().apply(random));
          statuses.merge(bad.statusCode(), 1, Integer::sum);
          badByKind.merge(kind.name(), 1, Integer::sum);
          assertThat(bad.statusCode()).as(kind.name() + " #" + i + ": " + bad.body()).isIn(400, 413);
          JsonNode answer = Json.MAPPER.readTree(bad.body());
          assertThat(answer.get("errors")).as(kind.name() + ": a reason").isNotEmpty();
          if (i % VALID_EVERY == 0) {
            HttpResponse<String> good = post(client, api, article(i, "On Jan. 9, Seoul protested to Pyongyang <script>x</script>.")
                .getBytes(StandardCharsets.UTF_8));
            assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
            acceptedIds.add(Json.MAPPER.readTree(good.body()).get("accepted").get(0).get("id").asText());
            valid++;
          }
        }
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).as("still serving").isEqualTo(200);

        Map<String, Long> onTopic = TopicReader.values(kafka.bootstrapServers(), topics.articles()).stream()
            .collect(Collectors.groupingBy(ArticleEvent::getArticleId, Collectors.counting()));
        assertThat(onTopic.keySet()).containsExactlyInAnyOrderElementsOf(acceptedIds);
        assertThat(onTopic.values()).allMatch(count -> count == 1);
        System.out.println("INGEST-FUZZ-IT: " + MALFORMED + " malformed inputs " + badByKind + " answered " + statuses
            + " each with a reason; " + valid + " valid articles answered 202, " + onTopic.size() + " on the topic, each once");
      }
    }
  }

  private static int kind(Random random, int kinds) {
    return random.nextInt(kinds);
  }

  private static HttpResponse<String> post(HttpClient client, URI api, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    // A random array starting with '[' or '{' could parse; make the first byte plainly not JSON.
    b[0] = (byte) (0x80 | b[0]);
    return b;
  }

  static String article(int n, String body) {
    Map<String, String> fields = new HashMap<>();
    fields.put("url", "https://fuzz.example/article/" + n);
    fields.put("source", "Yonhap");
    fields.put("title", "Article " + n);
    fields.put("body", body);
    fields.put("published", "2026-01-10T09:00:00+09:00");
    return Json.MAPPER.valueToTree(fields).toString();
  }
}
