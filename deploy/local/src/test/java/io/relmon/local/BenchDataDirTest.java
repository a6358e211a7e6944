package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench measures a fresh broker and fresh state: an earlier run's directory is refused, untouched. */
class BenchDataDirTest {

  @TempDir
  Path dir;

  @Test
  void shouldRefuseADataDirectoryThatHoldsAnEarlierRunWithAReason() throws Exception {
    Path earlier = Files.createDirectories(dir.resolve("kafka")).resolve("meta.properties");
    Files.writeString(earlier, "node.id=0\n");
    BenchCommand bench = new BenchCommand();
    bench.dataDir = dir;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = bench.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data-dir " + dir).contains("earlier run")
        .contains("new or empty directory");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(earlier)).isEqualTo("node.id=0\n");
  }
}
