package io.relmon.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder analysts drop article files into (text-with-headers, {@code .jsonl}/{@code .ndjson}).
 * Every two seconds each file that has not changed for two seconds is read: its good articles are
 * ingested (channel {@code file}) and each bad one — a bad line, a bad file, an article the coder
 * refused — goes to the ingest dead-letter topic with the reason and its file and line, and the
 * next article goes on. When every article of the file is on a topic, the file moves to
 * {@code done/}; when Kafka could not take something, the file stays and is read again later
 * (what already went through comes back as duplicates).
 */
public final class DropFolder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DropFolder.class);
  private static final String CHANNEL = "file";
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final Path folder;
  private final ArticleIngestor ingestor;
  private final IngestDeadLetters deadLetters;
  private final Duration publishTimeout;
  private final Thread thread;
  private volatile boolean running = true;

  public DropFolder(Path folder, ArticleIngestor ingestor, IngestDeadLetters deadLetters, Duration publishTimeout) {
    this.folder = folder;
    this.ingestor = ingestor;
    this.deadLetters = deadLetters;
    this.publishTimeout = publishTimeout;
    this.thread = new Thread(this::run, "relmon-drop-folder");
    this.thread.setDaemon(true);
  }

  public DropFolder start() throws IOException {
    Files.createDirectories(folder.resolve("done"));
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
          if (running && settled(file)) {
            importFile(file);
          }
        }
      } catch (IOException e) {
        log.warn("cannot list the drop folder {}: {}", folder, e.toString());
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean settled(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(SETTLE));
    } catch (IOException e) {
      return false;
    }
  }

  /** Imports one file; moves it to done/ when everything in it was taken. */
  void importFile(Path file) {
    boolean complete = true;
    List<ArticleParser.Parsed> parsed = ArticleParser.fromFile(file);
    for (ArticleParser.Parsed item : parsed) {
      if (!item.ok()) {
        complete &= deadLetter(String.join("; ", item.errors()), file, item.origin(), "invalid_fields");
        continue;
      }
      ArticleIngestor.Submission submission = ingestor.submit(item.article(), CHANNEL);
      if (submission instanceof ArticleIngestor.Refused refused) {
        complete &= deadLetter(refused.reason(), file, item.origin(), ArticleIngestor.CODING_REFUSED);
      } else if (submission instanceof ArticleIngestor.Publishing publishing) {
        try {
          publishing.acknowledged().get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
          }
          complete = false;
        }
      }
    }
    if (complete) {
      try {
        Files.move(file, folder.resolve("done").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        log.warn("cannot move {} to done/: {}", file, e.toString());
      }
    } else {
      log.warn("{}: Kafka did not take everything; the file stays and is read again", file);
    }
  }

  /**
   * Dead-letters one input of {@code file} and counts the rejection once Kafka has it; false
   * when it could not be written (the file stays and is read again).
   */
  private boolean deadLetter(String reason, Path file, String origin, String rejection) {
    boolean sent = deadLetters.send(reason, origin, input(file, origin));
    if (sent) {
      ingestor.reject(CHANNEL, rejection);
    }
    return sent;
  }

  /** The bytes of the line named in {@code origin} ("file:line"), else of the whole file. */
  private static byte[] input(Path file, String origin) {
    try {
      byte[] all = Files.readAllBytes(file);
      int colon = origin.lastIndexOf(':');
      if (colon > 0 && origin.substring(colon + 1).matches("\\d+")) {
        String[] lines = new String(all, StandardCharsets.UTF_8).split("\n", -1);
        int line = Integer.parseInt(origin.substring(colon + 1));
        if (line >= 1 && line <= lines.length) {
          return lines[line - 1].getBytes(StandardCharsets.UTF_8);
        }
      }
      return all;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
