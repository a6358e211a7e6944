package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.coder.ClauseCoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir
  Path dir;

  @Test
  void shouldPrintFiguresMissesAndFalsePositives() throws Exception {
    Files.writeString(dir.resolve("001.txt"), """
        title: t
        url:
        source: relmon test desk
        published: 2026-01-10

        On Jan. 8, Pyongyang launched a ballistic missile.
        Tokyo praised Seoul on Jan. 9.
        """);
    Files.writeString(dir.resolve("001.gold.json"), """
        {"article": "001.txt", "events": [
          {"type": "MISSILE_TEST", "actor": "PRK", "target": null, "date": "2026-01-08", "polarity": -1, "evidence": "x"},
          {"type": ["SANCTIONS"], "actor": "USA", "target": ["PRK"], "date": null, "polarity": -1, "evidence": "y"}]}
        """);
    Files.writeString(dir.resolve("002.txt"), "no gold beside me");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = EvalCommand.eval(dir, new ClauseCoder(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(report).contains("over 1 articles: 2 coded events, 2 required gold events")
        .contains("overall  precision 0.500  recall 0.500  F1 0.500")
        .contains("MISS 001.txt  SANCTIONS USA -> [PRK] null")
        .contains("FALSE 001.txt  STATEMENT_FRIENDLY JPN -> [KOR] 2026-01-09");
  }
}
