package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the drop folder reads of an entry, and what it refuses unread. */
@Timeout(30)
class DropFolderReadTest {

  private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

  @TempDir
  Path dir;

  @Test
  void shouldRefuseASymbolicLinkWithoutReadingItsTarget() throws Exception {
    Path secret = Files.writeString(dir.resolve("passwd"), SECRET);
    Path link = Files.createSymbolicLink(dir.resolve("articles.txt"), secret);

    DropFolder.Read read = DropFolder.read(link, 10_000);

    assertThat(read).isEqualTo(new DropFolder.Refused(
        "a symbolic link to " + secret + ": links are not followed, nothing was read", "symlink"));
  }

  @Test
  void shouldRefuseALinkToADirectoryAndAFolderIsNotAFile() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("etc.jsonl"), Path.of("/etc"));
    Path folder = Files.createDirectories(dir.resolve("sub.jsonl"));

    assertThat(DropFolder.read(link, 10_000)).isInstanceOf(DropFolder.Refused.class);
    assertThat(((DropFolder.Refused) DropFolder.read(folder, 10_000)).tag()).isEqualTo("not_a_file");
  }

  @Test
  void shouldRefuseANamedPipeInsteadOfBlockingOnIt() throws Exception {
    Path fifo = dir.resolve("pipe.jsonl");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      mkfifo = null;
    }
    assumeTrue(mkfifo != null && mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");

    DropFolder.Read read = DropFolder.read(fifo, 10_000);

    assertThat(read).isEqualTo(new DropFolder.Refused("not a regular file (a pipe, socket or device): nothing was read", "not_a_file"));
  }

  @Test
  void shouldRefuseAFileOverTheCapAndReadOneAtIt() throws Exception {
    Path big = Files.write(dir.resolve("big.jsonl"), new byte[2048]);
    Path exact = Files.write(dir.resolve("exact.jsonl"), "x".repeat(1024).getBytes(StandardCharsets.UTF_8));

    DropFolder.Read tooBig = DropFolder.read(big, 1024);
    DropFolder.Read fits = DropFolder.read(exact, 1024);

    assertThat(tooBig).isEqualTo(new DropFolder.Refused(
        "2048 bytes, more than the drop folder takes (relmon.ingest.drop.max.file.bytes = 1024): not read", "too_large"));
    assertThat(fits).isInstanceOf(DropFolder.Contents.class);
    assertThat(((DropFolder.Contents) fits).bytes()).hasSize(1024);
  }

  @Test
  void shouldParseTheBytesReadAsArticleParserReadsAFile() throws Exception {
    Path jsonl = dir.resolve("batch.jsonl");
    byte[] bytes = """
        {"url": "https://news.example/d1", "source": "Xinhua", "title": "t", "body": "Beijing praised Moscow.", "published": "2026-01-03"}

        {"url": "https://news.example/d2", "source": 12}
        """.getBytes(StandardCharsets.UTF_8);
    Files.write(jsonl, bytes);
    Path text = Files.writeString(dir.resolve("one.txt"), "source: TASS\ntitle: t\npublished: 2026-01-05\n\nMoscow sent aid.\n");

    var fromBytes = DropFolder.parse(jsonl, bytes);

    assertThat(fromBytes).isEqualTo(ArticleParser.fromFile(jsonl));
    assertThat(fromBytes).extracting(ArticleParser.Parsed::origin).containsExactly(jsonl + ":1", jsonl + ":3");
    assertThat(DropFolder.parse(text, Files.readAllBytes(text))).isEqualTo(ArticleParser.fromFile(text));
    assertThat(DropFolder.parse(jsonl, new byte[] {'{', (byte) 0xC3, '}'}))
        .extracting(ArticleParser.Parsed::errors).containsExactly(java.util.List.of("file: not valid UTF-8"));
  }
}
