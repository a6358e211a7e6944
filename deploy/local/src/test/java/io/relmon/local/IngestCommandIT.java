package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.ingest.IngestApp;
import io.relmon.ingest.IngestConfig;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.schemas.Topics;
import io.relmon.schemas.avro.ArticleEvent;
import io.relmon.service.Settings;
import io.relmon.service.TopicReader;
import io.relmon.service.TopicSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relmon ingest} against a running ingest service on a real broker. */
class IngestCommandIT {

  private static final String TOKEN = "ingest-command-test-token-0123";

  @TempDir
  Path dir;

  @Test
  void shouldImportFilesAndFoldersReportEveryRejectionByFileAndLineAndRecogniseARepeat() throws Exception {
    Topics topics = Topics.defaults();
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("one.txt"), """
        title: Seoul protests
        url: https://news.example/one
        source: Yonhap
        published: 2026-01-10

        On Jan. 9, Seoul protested to Pyongyang over the missile launch.
        """);
    Files.writeString(articles.resolve("batch.jsonl"), """
        {"url": "https://news.example/two", "source": "Xinhua", "title": "t", "body": "Beijing praised Moscow on Jan. 2.", "published": "2026-01-03"}
        {"url": "https://news.example/three", "title": 5}
        {"url": "https://news.example/four", "source": "TASS", "title": "t", "body": "Moscow sent aid to Pyongyang on Jan. 4.", "published": "2026-01-05"}
        """);
    Files.write(articles.resolve("broken.txt"), new byte[] {'t', 'i', (byte) 0xC3, (byte) 0x28, '\n'});
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");

    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), 1, 0)) {
      try (var admin = kafka.admin()) {
        TopicSetup.ensure(admin, topics, (short) 1);
      }
      Map<String, String> settings = Map.of("relmon.kafka.bootstrap", kafka.bootstrapServers(), "relmon.ingest.host", "127.0.0.1",
          "relmon.ingest.port", "0", "relmon.ingest.token", TOKEN);
      try (IngestApp ingest = IngestApp.start(IngestConfig.from(new Settings(settings), Map.of()), topics)) {
        String url = "http://127.0.0.1:" + ingest.port();

        Result first = ingest(url, tokenFile, articles);
        assertThat(first.exit).isEqualTo(1);
        assertThat(first.out).contains("accepted 3, duplicates 0, rejected 2")
            .contains("batch.jsonl:2: title: must be a string, not number")
            .contains("batch.jsonl:2: body: required")
            .doesNotContain("batch.jsonl:2: title: required")
            .contains("broken.txt: file: not valid UTF-8");

        Result again = ingest(url, tokenFile, articles.resolve("one.txt"));
        assertThat(again.exit).isZero();
        assertThat(again.out).contains("accepted 0, duplicates 1, rejected 0");

        Files.writeString(tokenFile, "a-wrong-token-of-enough-length\n");
        assertThat(ingest(url, tokenFile, articles.resolve("one.txt")).exit).as("wrong token").isEqualTo(2);

        List<ArticleEvent> published = TopicReader.values(kafka.bootstrapServers(), topics.articles());
        assertThat(published).hasSize(3);
        System.out.println("INGEST-COMMAND-IT first run: " + first.out.lines().findFirst().orElse("") + "; repeat: "
            + again.out.lines().findFirst().orElse("") + "; on the topic: " + published.size());
      }
    }
  }

  private record Result(int exit, String out) {}

  private static Result ingest(String url, Path tokenFile, Path... paths) throws Exception {
    IngestCommand command = new IngestCommand();
    command.paths = List.of(paths);
    command.url = url;
    command.tokenFile = tokenFile;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true));
    return new Result(exit, out.toString(StandardCharsets.UTF_8));
  }
}
