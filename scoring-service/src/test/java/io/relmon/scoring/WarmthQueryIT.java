package io.relmon.scoring;

import static io.relmon.scoring.Fixtures.article;
import static io.relmon.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.EventType;
import io.relmon.service.Dyad;
import io.relmon.service.Json;
import io.relmon.service.Settings;
import io.relmon.service.TopicSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warmth query API with two scoring instances sharing the work: every dyad answers the same
 * from either instance (one of them relays to the owner), and the top list merges both.
 */
class WarmthQueryIT {

  private static final Topics TOPICS = Topics.defaults();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void shouldAnswerEveryDyadFromEitherInstance() throws Exception {
    String[] partners = {"CHN", "KOR", "RUS", "JPN", "USA", "VNM", "MNG", "LAO"};
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0);
         var admin = kafka.admin()) {
      TopicSetup.ensure(admin, TOPICS, (short) 1);
      try (ScoringApp a = ScoringApp.start(config(kafka, "a"), TOPICS);
           ScoringApp b = ScoringApp.start(config(kafka, "b"), TOPICS)) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
            a.streams().state() == KafkaStreams.State.RUNNING && b.streams().state() == KafkaStreams.State.RUNNING);
        List<ArticleEvent> articles = new ArrayList<>();
        for (int i = 0; i < partners.length; i++) {
          articles.add(article("q" + i, "2026-02-0" + (1 + i % 9) + "T00:00:00Z",
              event(EventType.STATEMENT_FRIENDLY, partners[i], List.of("PRK"), "2026-02-0" + (1 + i % 9), 3)));
        }
        try (KafkaProducer<String, ArticleEvent> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            TOPICS.articles().keySerde().serializer(), TOPICS.articles().valueSerde().serializer())) {
          for (ArticleEvent article : articles) {
            producer.send(new ProducerRecord<>(TOPICS.articles().name(), article.getArticleId(), article)).get();
          }
        }
        String[] bases = {"http://127.0.0.1:" + a.port(), "http://127.0.0.1:" + b.port()};
        for (String partner : partners) {
          String dyad = Dyad.key(partner, "PRK");
          await().atMost(Duration.ofSeconds(60)).until(() -> get(bases[0] + "/v1/warmth/" + dyad).statusCode() == 200
              && get(bases[1] + "/v1/warmth/" + dyad).statusCode() == 200);
          JsonNode fromA = Json.MAPPER.readTree(get(bases[0] + "/v1/warmth/" + dyad).body());
          JsonNode fromB = Json.MAPPER.readTree(get(bases[1] + "/v1/warmth/" + dyad).body());
          assertThat(fromA).isEqualTo(fromB);
          assertThat(fromA.path("raw").asDouble()).isEqualTo(3.0);
          // The warmth state keeps its drivers without their details; the answer reads them from the history.
          assertThat(fromA.path("drivers")).singleElement().satisfies(d -> {
            assertThat(d.path("evidence").asText()).isNotBlank();
            assertThat(d.path("urls")).isNotEmpty();
          });
        }
        // The history answers the same from either instance too; a state's partners come from both.
        for (String partner : partners) {
          String dyad = Dyad.key(partner, "PRK");
          JsonNode fromA = Json.MAPPER.readTree(get(bases[0] + "/v1/dyads/" + dyad + "/history?days=30").body());
          JsonNode fromB = Json.MAPPER.readTree(get(bases[1] + "/v1/dyads/" + dyad + "/history?days=30").body());
          assertThat(fromA).isEqualTo(fromB);
          assertThat(fromA.path("points")).hasSize(30);
          // The page too, relayed by the instance that does not own the dyad, with its security headers.
          HttpResponse<String> pageA = get(bases[0] + "/dyads/" + dyad);
          HttpResponse<String> pageB = get(bases[1] + "/dyads/" + dyad);
          assertThat(pageA.statusCode()).isEqualTo(200);
          assertThat(pageA.body()).isEqualTo(pageB.body()).contains("<svg id=\"timeline\"");
          for (HttpResponse<String> page : List.of(pageA, pageB)) {
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
          }
          assertThat(fromA.path("events")).singleElement().satisfies(e -> {
            assertThat(e.path("actor").asText()).isEqualTo(partner);
            assertThat(e.path("sources").get(0).path("title").asText()).startsWith("t q");
          });
        }
        for (String base : bases) {
          JsonNode prk = Json.MAPPER.readTree(get(base + "/v1/countries/PRK").body());
          assertThat(prk.path("partners")).hasSize(partners.length);
          assertThat(get(base + "/v1/countries/FRA").statusCode()).isEqualTo(404);
          assertThat(get(base + "/v1/countries/prk").statusCode()).isEqualTo(400);
          assertThat(get(base + "/v1/dyads/PRK-CHN/history").statusCode()).isEqualTo(400);
          assertThat(get(base + "/v1/dyads/CHN-PRK/history?days=731").statusCode()).isEqualTo(400);
          assertThat(get(base + "/v1/dyads/AAA-ZZZ/history").statusCode()).isEqualTo(404);
          assertThat(Json.MAPPER.readTree(get(base + "/v1/overview").body()).path("movers30d")).hasSize(partners.length);
        }
        for (String base : bases) {
          JsonNode top = Json.MAPPER.readTree(get(base + "/v1/warmth?top=" + partners.length).body());
          assertThat(top.path("dyads")).hasSize(partners.length)
              .allSatisfy(row -> assertThat(row.path("drivers").get(0).path("evidence").asText()).isNotBlank());
          assertThat(get(base + "/v1/warmth/PRK-CHN").statusCode()).isEqualTo(400);
          assertThat(get(base + "/v1/warmth/AAA-ZZZ").statusCode()).isEqualTo(404);
          assertThat(get(base + "/v1/warmth?top=zero").statusCode()).isEqualTo(400);
        }
      }
    }
  }

  private ScoringConfig config(EmbeddedKafkaCluster kafka, String name) {
    return ScoringConfig.from(new Settings(Map.of(
        "relmon.kafka.bootstrap", kafka.bootstrapServers(),
        "relmon.scoring.port", "0",
        "relmon.scoring.state.dir", dir.resolve("state-" + name).toString(),
        "relmon.scoring.advance.interval.minutes", "0")), Map.of());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
