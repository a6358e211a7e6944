package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.relmon.coder.ClauseCoder;
import io.relmon.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCommandTest {

  @TempDir
  Path dir;

  @Test
  void shouldPrintExactlyTheContractFieldsAndReportBadFilesOnStandardError() throws Exception {
    Path good = dir.resolve("good.txt");
    Files.writeString(good, """
        title: t
        url:
        source: relmon test desk
        published: 2026-01-10

        On Jan. 8, Pyongyang launched a ballistic missile.
        """);
    Path lines = dir.resolve("batch.jsonl");
    Files.writeString(lines, """
        {"id": "a-1", "source": "s", "title": "t", "body": "Tokyo praised Seoul on Jan. 2.", "published": "2026-01-03"}
        {"id": "a-2", "title": 5}
        """);
    Path missing = dir.resolve("missing.txt");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = CodeCommand.code(List.of(good, missing, lines), new ClauseCoder(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    List<JsonNode> events = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      events.add(Json.MAPPER.readTree(line));
    }
    assertThat(events).hasSize(2);
    List<String> fields = new ArrayList<>();
    events.get(0).fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("article", "type", "actor", "targets", "date", "modality", "weight",
        "confidence", "plover", "cameo", "evidence", "evidenceStart", "evidenceEnd");
    assertThat(events.get(0).path("article").asText()).isEqualTo("good.txt");
    assertThat(events.get(0).path("type").asText()).isEqualTo("MISSILE_TEST");
    assertThat(events.get(0).path("targets").isArray()).isTrue();
    assertThat(events.get(1).path("article").asText()).isEqualTo("a-1");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("missing.txt: file: does not exist")
        .contains("batch.jsonl:2: title: must be a string");
  }
}
