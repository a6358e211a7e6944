package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.service.DeadLetters;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files dropped into the drop folder: good articles ingested, bad ones and those the coder refuses
 * dead-lettered with file and line.
 */
class DropFolderIT {

  @TempDir
  Path dir;

  @Test
  void shouldIngestDroppedFilesAndDeadLetterTheBadLinesWithTheirOrigin() throws Exception {
    Topics topics = Topics.defaults();
    Path drop = Files.createDirectories(dir.resolve("drop"));
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", "drop-folder-token-0123456789", "relmon.ingest.drop.dir", drop.toString());
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        Files.writeString(drop.resolve("batch.jsonl"), """
            {"url": "https://news.example/d1", "source": "Xinhua", "title": "t", "body": "Beijing praised Moscow on Jan. 2.", "published": "2026-01-03"}
            {"url": "https://news.example/d2", "source": 12, "title": "t"}
            {"url": "https://news.example/d3", "source": "TASS", "title": "t", "body": "Moscow sent aid on Jan. 4.", "published": "2026-01-05"}
            """);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(drop.resolve("done/batch.jsonl")));
        assertThat(TopicReader.values(kafka.bootstrapServers(), topics.articles())).hasSize(2);
        var dead = TopicReader.readAll(kafka.bootstrapServers(), topics.ingestDlq());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo(drop.resolve("batch.jsonl") + ":2");
        assertThat(dead.get(0).value().getReason()).contains("source: must be a string, not number").contains("body: required");
        assertThat(StandardCharsets.UTF_8.decode(dead.get(0).value().getOriginalValue()).toString()).contains("news.example/d2");
      }
    }
  }

  @Test
  void shouldDeadLetterAnArticleTheCoderRefusesWithTheReasonAndGoOnWithTheNext() throws Exception {
    Topics topics = Topics.defaults();
    Path drop = Files.createDirectories(dir.resolve("drop"));
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", "drop-folder-token-0123456789", "relmon.ingest.drop.dir", drop.toString());
      try (IngestApp ingest = IngestAppAccess.start(IngestConfig.from(new Settings(settings), Map.of()), topics, new RefusingCoder())) {
        Files.writeString(drop.resolve("refused.jsonl"), """
            {"url": "https://news.example/r1", "source": "Xinhua", "title": "t", "body": "Beijing praised Moscow on Jan. 2.", "published": "2026-01-03"}
            {"url": "https://news.example/r2", "source": "TASS", "title": "t", "body": "A very long article. %s", "published": "2026-01-04"}
            {"url": "https://news.example/r3", "source": "TASS", "title": "t", "body": "Moscow sent aid on Jan. 4.", "published": "2026-01-05"}
            """.formatted(RefusingCoder.MARKER));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(drop.resolve("done/refused.jsonl")));
        assertThat(TopicReader.values(kafka.bootstrapServers(), topics.articles()))
            .extracting(a -> a.getUrl()).containsExactlyInAnyOrder("https://news.example/r1", "https://news.example/r3");
        var dead = TopicReader.readAll(kafka.bootstrapServers(), topics.ingestDlq());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo("the coder refused the article: " + RefusingCoder.REASON);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8))
            .isEqualTo(drop.resolve("refused.jsonl") + ":2");
        assertThat(dead.get(0).value().getReason()).isEqualTo("the coder refused the article: " + RefusingCoder.REASON);
        assertThat(StandardCharsets.UTF_8.decode(dead.get(0).value().getOriginalValue()).toString())
            .contains("news.example/r2").contains(RefusingCoder.MARKER);
        assertThat(ingest.meters().get("relmon.ingest.rejections").tag("source", "file").tag("reason", "coding_refused")
            .counter().count()).isEqualTo(1);
        assertThat(ingest.meters().get("relmon.ingest.articles").tag("source", "file").tag("result", "accepted")
            .counter().count()).isEqualTo(2);
      }
    }
  }

  @Test
  void shouldRefuseALinkAndAnOversizedFileUnreadMoveThemAsideAndIngestTheRest() throws Exception {
    Topics topics = Topics.defaults();
    Path drop = Files.createDirectories(dir.resolve("drop"));
    // Stands in for /etc/passwd: a file the service can read, outside the drop folder.
    Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:SECRET-MARKER:/root:/bin/bash\n");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", "drop-folder-token-0123456789", "relmon.ingest.drop.dir", drop.toString(),
          "relmon.ingest.drop.max.file.bytes", "4096");
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        Files.createSymbolicLink(drop.resolve("passwd.txt"), secret);
        Files.writeString(drop.resolve("huge.jsonl"), ("{\"url\": \"https://news.example/h\", \"body\": \"SECRET-MARKER "
            + "x".repeat(5000) + "\"}\n"));
        Files.writeString(drop.resolve("good.jsonl"), """
            {"url": "https://news.example/g1", "source": "Xinhua", "title": "t", "body": "Beijing praised Moscow on Jan. 2.", "published": "2026-01-03"}
            """);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(drop.resolve("done/good.jsonl"))
            && Files.isSymbolicLink(drop.resolve("rejected/passwd.txt")) && Files.exists(drop.resolve("rejected/huge.jsonl")));
        var dead = TopicReader.readAll(kafka.bootstrapServers(), topics.ingestDlq());
        assertThat(dead).hasSize(2);
        Map<String, String> reasonByOrigin = new java.util.HashMap<>();
        dead.forEach(r -> reasonByOrigin.put(new String(r.headers().lastHeader(DeadLetters.ORIGIN_HEADER).value(), StandardCharsets.UTF_8),
            r.value().getReason()));
        assertThat(reasonByOrigin).containsOnlyKeys(drop.resolve("passwd.txt").toString(), drop.resolve("huge.jsonl").toString());
        assertThat(reasonByOrigin.get(drop.resolve("passwd.txt").toString()))
            .isEqualTo("a symbolic link to " + secret + ": links are not followed, nothing was read");
        assertThat(reasonByOrigin.get(drop.resolve("huge.jsonl").toString()))
            .startsWith("5060 bytes, more than the drop folder takes (relmon.ingest.drop.max.file.bytes = 4096)");
        assertThat(dead).allSatisfy(r -> {
          assertThat(r.value().getOriginalValue()).as("no content").isNull();
          assertThat(r.value().toString()).doesNotContain("SECRET-MARKER");
        });
        assertThat(TopicReader.values(kafka.bootstrapServers(), topics.articles()))
            .extracting(a -> a.getUrl()).containsExactly("https://news.example/g1");
        assertThat(Files.readString(secret)).as("the link's target untouched").contains("SECRET-MARKER");
        assertThat(ingest.meters().get("relmon.ingest.rejections").tag("source", "file").tag("reason", "symlink").counter().count())
            .isEqualTo(1);
        assertThat(ingest.meters().get("relmon.ingest.rejections").tag("source", "file").tag("reason", "too_large").counter().count())
            .isEqualTo(1);
        // Moved aside, they are not looked at again.
        Thread.sleep(5000);
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), topics.ingestDlq())).hasSize(2);
      }
    }
  }
}
