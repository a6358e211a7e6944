package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relmon local --once --json}: the contract tools rely on (BRIEF §7), run for real. */
class LocalCommandIT {

  @TempDir
  Path dir;

  @Test
  void shouldPrintTheJsonSummaryAndWriteTheEmailsThenExit() throws Exception {
    Path good = Path.of(getClass().getResource("/articles/bridge-and-missile.txt").toURI());
    Path broken = Path.of(getClass().getResource("/articles/broken.txt").toURI());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new RelmonCli()).execute("local", "--once", "--json",
          "--articles", good.toString(), broken.toString(), "--data-dir", dir.toString(),
          "--kafka-port", "0", "--smtp-port", "0", "--ingest-port", "0", "--scoring-port", "0", "--alert-port", "0");
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode summary = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    JsonNode chinaNorthKorea = summary.path("warmth").path("CHN-PRK");
    assertThat(chinaNorthKorea.path("value").asDouble()).isLessThan(-10);
    assertThat(chinaNorthKorea.path("asOf").asText()).isEqualTo("2026-01-21");
    assertThat(chinaNorthKorea.has("raw")).isTrue();
    assertThat(summary.path("signals").isArray()).isTrue();
    assertThat(summary.path("alerts")).anySatisfy(a -> {
      assertThat(a.path("dyad").asText()).isEqualTo("CHN-PRK");
      assertThat(a.path("rule").asText()).isEqualTo("korean-peninsula-cooling");
      assertThat(a.path("severity").asText()).isEqualTo("WARNING");
    });
    assertThat(summary.path("emails")).isNotEmpty();
    Path eml = Path.of(summary.path("emails").get(0).asText());
    assertThat(Files.readString(eml)).contains("Message-ID: <").contains("multipart/alternative");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.txt: rejected: source: required; published: required");
  }
}
