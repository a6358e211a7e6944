package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.relmon.alert.AlertApp;
import io.relmon.alert.AlertConfig;
import io.relmon.coder.ClauseCoder;
import io.relmon.ingest.ArticleParser;
import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestConfig;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.Alert;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.schemas.avro.DeliveryRecord;
import io.relmon.schemas.avro.DeliveryStatus;
import io.relmon.schemas.avro.EventType;
import io.relmon.schemas.avro.Signal;
import io.relmon.schemas.avro.SignalType;
import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.service.Json;
import io.relmon.schemas.avro.WarmthUpdate;
import io.relmon.scoring.ScoringApp;
import io.relmon.scoring.ScoringConfig;
import io.relmon.service.Settings;
import io.relmon.service.TopicSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against a real broker: the three services as they run in production, a
 * real SMTP server (GreenMail), the demo articles we wrote telling the January 2026 story sent
 * through the HTTP API. Subclasses say which broker: the in-process KRaft server, or a
 * Testcontainers {@code apache/kafka} where Docker exists.
 */
abstract class PipelineEndToEndTest {

  private static final String TOKEN = "pipeline-test-token-0123456789";


  @TempDir
  Path dir;

  private static MimeMessage chinaNorthKoreaMail(GreenMail smtp) throws jakarta.mail.MessagingException {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getSubject().matches("\\[relmon\\] [A-Z]+: China–North Korea warmth .*")) {
        return m;
      }
    }
    return null;
  }

  /** Bootstrap servers of the broker under test. */
  abstract String bootstrapServers();

  @Test
  void shouldTurnArticlesIntoAnExplainedEmailAboutChinaNorthKorea() throws Exception {
    Topics topics = Topics.defaults();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      TopicSetup.ensure(admin, topics, (short) 1);
    }
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, ArticleSources.read("/io/relmon/local/demo-rules.yaml"));
    Map<String, String> settings = new HashMap<>();
    settings.put("relmon.kafka.bootstrap", bootstrapServers());
    settings.put("relmon.ingest.port", "0");
    settings.put("relmon.scoring.port", "0");
    settings.put("relmon.alert.port", "0");
    settings.put("relmon.scoring.state.dir", dir.resolve("scoring").toString());
    settings.put("relmon.alert.state.dir", dir.resolve("alert").toString());
    settings.put("relmon.alert.rules", rules.toString());
    settings.put("relmon.smtp.host", "127.0.0.1");
    settings.put("relmon.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    settings.put("relmon.smtp.from", "relmon@relmon.example");
    settings.put("relmon.ingest.token", TOKEN);

    try (ScoringApp scoring = ScoringApp.start(ScoringConfig.from(new Settings(settings), Map.of()), topics);
         AlertApp alert = AlertApp.start(AlertConfig.from(new Settings(settings), Map.of()), topics);
         IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
      String api = "http://127.0.0.1:" + ingest.port();
      await().atMost(Duration.ofSeconds(60)).until(() ->
          Http.status(api + "/health/ready") == 200
              && Http.status("http://127.0.0.1:" + scoring.port() + "/health/ready") == 200
              && Http.status("http://127.0.0.1:" + alert.port() + "/health/ready") == 200);

      // Bad input gets a reason and the service keeps serving.
      assertThat(Http.postJson(api + "/v1/articles", null, "{}").statusCode()).as("no token").isEqualTo(401);
      HttpResponse<String> bad = Http.postJson(api + "/v1/articles", TOKEN, "{\"title\": 42}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("title: must be a string").contains("body: required");

      List<ArticleParser.Parsed> story = ArticleSources.demo();
      for (ArticleParser.Parsed article : story) {
        HttpResponse<String> response = Http.postJson(api + "/v1/articles", TOKEN, LocalCommand.toJson(article.article()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      }
      HttpResponse<String> again = Http.postJson(api + "/v1/articles", TOKEN, LocalCommand.toJson(story.get(0).article()));
      assertThat(again.statusCode()).as("a re-submitted article").isEqualTo(200);
      assertThat(again.body()).contains("duplicates").contains(story.get(0).article().id());

      // An e-mail about China–North Korea, with both parts and the evidence: each driver of the
      // alert it renders, with the sentence that reports it and its links. Which drivers that is
      // depends on when the TIMED_PROVOCATION signal (two more hops through the broker than the
      // articles' own events) reaches the dyad's warmth — before the Jan. 12 report, between it and
      // the Jan. 18 one, or after both — and the rule fires once, on the first crossing; so the
      // Jan. 18 sentence and its link are checked in the warmth query API's drivers below, which
      // hold every event.
      await().atMost(Duration.ofSeconds(90)).until(() -> chinaNorthKoreaMail(smtp) != null);
      MimeMessage mail = chinaNorthKoreaMail(smtp);
      assertThat(mail.getSubject()).matches("\\[relmon\\] (WARNING|CRITICAL): China–North Korea warmth −.*");
      assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("korea-desk@relmon.example");
      MimeMultipart parts = (MimeMultipart) mail.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
      MimeMultipart related = (MimeMultipart) parts.getBodyPart(1).getContent();
      assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
      assertThat(related.getBodyPart(1).getContentType()).startsWith("image/png");
      String mailText = (String) parts.getBodyPart(0).getContent();
      java.util.regex.Matcher alertId = java.util.regex.Pattern.compile("Alert (\\S+) — relmon").matcher(mailText);
      assertThat(alertId.find()).as(mailText).isTrue();
      Alert mailed = Summary.<Alert>readAll(bootstrapServers(), topics.alerts()).stream()
          .filter(a -> a.getAlertId().equals(alertId.group(1))).findFirst().orElseThrow();
      assertThat(mailed.getDyad()).isEqualTo("CHN-PRK");
      assertThat(mailText).contains("See the relationship: http://localhost:8082/dyads/CHN-PRK");
      assertThat(mailed.getWarmth().getDrivers()).isNotEmpty().allSatisfy(d -> {
        assertThat(mailText).contains(d.getEvidence());
        d.getUrls().forEach(url -> assertThat(mailText).contains(url));
      });

      // And the records on each topic.
      List<ArticleEvent> articles = Summary.readAll(bootstrapServers(), topics.articles());
      assertThat(articles).hasSize(story.size()).allSatisfy(a -> assertThat(a.getCoderVersion()).isEqualTo(ClauseCoder.VERSION));
      List<DedupedEvent> events = Summary.readAll(bootstrapServers(), topics.events());
      assertThat(events).anySatisfy(e -> {
        assertThat(e.getEvent().getType()).isEqualTo(EventType.MISSILE_TEST);
        assertThat(e.getEvent().getActor()).isEqualTo("PRK");
        assertThat(e.getEvent().getDate()).isEqualTo("2026-01-04");
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> Summary.readAll(bootstrapServers(), topics.signals()).stream()
          .anyMatch(s -> s.getType() == SignalType.PIVOT && s.getTargets().equals(List.of("CHN", "RUS"))));
      List<Signal> signals = Summary.readAll(bootstrapServers(), topics.signals());
      assertThat(signals).anySatisfy(s -> {
        assertThat(s.getType()).isEqualTo(SignalType.TIMED_PROVOCATION);
        assertThat(s.getActor()).isEqualTo("PRK");
        assertThat(s.getTargets()).containsExactly("CHN", "KOR");
        assertThat(s.getDate()).isEqualTo("2026-01-04");
      });
      assertThat(signals).anySatisfy(s -> {
        assertThat(s.getType()).isEqualTo(SignalType.PIVOT);
        assertThat(s.getActor()).isEqualTo("PRK");
        assertThat(s.getTargets()).as("from, to").containsExactly("CHN", "RUS");
      });
      Map<String, WarmthUpdate> warmth = new HashMap<>();
      Summary.readAll(bootstrapServers(), topics.warmth()).forEach(w -> warmth.merge(w.getDyad(), w,
          (a, b) -> b.getAsOf().isBefore(a.getAsOf()) ? a : b));
      assertThat(warmth.get("CHN-PRK").getValue()).isLessThan(-10);
      assertThat(warmth.get("CHN-PRK").getDrivers()).isNotEmpty();
      assertThat(warmth.get("PRK-RUS").getValue()).isGreaterThan(0);
      assertThat(warmth.get("KOR-PRK").getValue()).isLessThan(0);
      List<Alert> alerts = Summary.readAll(bootstrapServers(), topics.alerts());
      assertThat(alerts).extracting(Alert::getDyad).contains("CHN-PRK");
      assertThat(alerts).anySatisfy(a -> {
        assertThat(a.getRuleKind()).isEqualTo(io.relmon.schemas.avro.RuleKind.SIGNAL);
        assertThat(a.getSignal().getType()).isEqualTo(SignalType.TIMED_PROVOCATION);
      });
      long distinctAlerts = alerts.stream().map(Alert::getAlertId).distinct().count();
      assertThat(distinctAlerts).as("each alert written once").isEqualTo(alerts.size());
      await().atMost(Duration.ofSeconds(30)).until(() -> Summary.readAll(bootstrapServers(), topics.deliveries()).size() >= alerts.size());
      List<DeliveryRecord> deliveries = Summary.readAll(bootstrapServers(), topics.deliveries());
      assertThat(deliveries).hasSize(alerts.size()).allSatisfy(d -> assertThat(d.getStatus()).isEqualTo(DeliveryStatus.DELIVERED));
      assertThat(deliveries).extracting(DeliveryRecord::getIdempotencyKey).contains(mail.getMessageID());

      // The warmth query API.
      String query = "http://127.0.0.1:" + scoring.port() + "/v1/warmth";
      JsonNode chinaNorthKorea = Json.MAPPER.readTree(Http.get(query + "/CHN-PRK"));
      assertThat(chinaNorthKorea.path("value").asDouble()).isLessThan(-10);
      assertThat(chinaNorthKorea.path("drivers")).isNotEmpty().anySatisfy(d -> {
        assertThat(d.path("evidence").asText()).contains("North Korea criticized China on Jan. 18 for slow progress on tourism");
        assertThat(d.path("urls")).extracting(JsonNode::asText).contains("https://relmon.example/demo/2026-01-19-tourism-talks");
      });
      assertThat(chinaNorthKorea.path("signals")).anySatisfy(s -> assertThat(s.path("type").asText()).isEqualTo("TIMED_PROVOCATION"));
      assertThat(Http.status(query + "/PRK-CHN")).isEqualTo(400);
      assertThat(Http.status(query + "/chn-prk")).isEqualTo(400);
      assertThat(Http.status(query + "/AAA-ZZZ")).isEqualTo(404);
      assertThat(Json.MAPPER.readTree(Http.get(query + "?top=3")).path("dyads")).hasSize(3);

      // Operators see it too.
      String metrics = Http.get(api + "/metrics");
      assertThat(metrics).contains("relmon_ingest_articles_total{result=\"accepted\",service=\"ingest\",source=\"http\"} " + story.size() + ".0");
      assertThat(metrics).contains("relmon_ingest_articles_total{result=\"rejected\",service=\"ingest\",source=\"http\"} 2.0");
      assertThat(metrics).contains("relmon_ingest_rejections_total{reason=\"unauthorized\",service=\"ingest\",source=\"http\"} 1.0");
      assertThat(metrics).contains("relmon_ingest_rejections_total{reason=\"invalid_fields\",service=\"ingest\",source=\"http\"} 1.0");
      assertThat(metrics).contains("relmon_ingest_articles_total{result=\"duplicate\",service=\"ingest\",source=\"http\"} 1.0");
    } finally {
      smtp.stop();
    }
  }
}
