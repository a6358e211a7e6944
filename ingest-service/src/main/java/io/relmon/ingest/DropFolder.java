package io.relmon.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.relmon.service.DeadLetterInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 *
 * <p>What is dropped is not trusted to be an article file. A symbolic link is not followed (it
 * could name any file the service may read), nor is anything but a regular file read (a pipe
 * would block the folder), nor a file over the size cap (it would be held in memory whole). Each
 * such entry is refused unread: logged, dead-lettered with the reason and its name (no content),
 * counted ({@code relmon.ingest.rejections{source="file",reason="symlink"|"not_a_file"|"too_large"}})
 * and moved to {@code rejected/}, so that it is not looked at again. The bytes checked are the
 * bytes parsed and dead-lettered: the file is read once, through a handle opened without
 * following links. A dead letter keeps at most the first {@link DeadLetterInput#MAX_BYTES} of a
 * rejected file (a bigger record would never be written, and the file would be read again forever).
 */
public final class DropFolder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DropFolder.class);
  private static final String CHANNEL = "file";
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final Path folder;
  private final ArticleIngestor ingestor;
  private final IngestDeadLetters deadLetters;
  private final Duration publishTimeout;
  private final long maxFileBytes;
  private final Thread thread;
  private volatile boolean running = true;

  /** What reading a dropped entry gave: its bytes, or why it was not read. */
  sealed interface Read permits Contents, Refused {}

  /** The whole file, within the cap. */
  record Contents(byte[] bytes) implements Read {}

  /** Not read: why, and the rejection's metric tag (a fixed word). */
  record Refused(String reason, String tag) implements Read {}

  private static final List<String> REFUSALS = List.of("symlink", "not_a_file", "too_large");

  public DropFolder(Path folder, ArticleIngestor ingestor, IngestDeadLetters deadLetters, Duration publishTimeout,
      long maxFileBytes, MeterRegistry meters) {
    this.folder = folder;
    this.ingestor = ingestor;
    this.deadLetters = deadLetters;
    this.publishTimeout = publishTimeout;
    this.maxFileBytes = maxFileBytes;
    for (String reason : REFUSALS) {
      meters.counter("relmon.ingest.rejections", "source", CHANNEL, "reason", reason);
    }
    this.thread = new Thread(this::run, "relmon-drop-folder");
    this.thread.setDaemon(true);
  }

  public DropFolder start() throws IOException {
    Files.createDirectories(folder.resolve("done"));
    Files.createDirectories(folder.resolve("rejected"));
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
          BasicFileAttributes attributes = attributes(file);
          if (running && attributes != null && !attributes.isDirectory() && settled(attributes)) {
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

  /** The entry's own attributes (a link's, not its target's); null when it is gone. */
  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean settled(BasicFileAttributes attributes) {
    return attributes.lastModifiedTime().toInstant().isBefore(Instant.now().minus(SETTLE));
  }

  /**
   * Reads {@code file} whole if it is a regular file of at most {@code maxBytes}, never following
   * a link; else says why not. Throws IOException when it cannot be read (it is tried again).
   */
  static Read read(Path file, long maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Refused refused = refusal(file, attributes, attributes.size(), maxBytes);
    if (refused != null) {
      return refused;
    }
    // The entry may have been replaced since: the handle is opened without following a link
    // (O_NOFOLLOW), and what it holds is measured again.
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      refused = refusal(file, now, now.size(), maxBytes);
      if (refused != null) {
        return refused;
      }
      throw e;
    }
    try (channel) {
      if (channel.size() > maxBytes) {
        return tooLarge(channel.size(), maxBytes);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) channel.size() + 1);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        if (buffer.position() > maxBytes) {
          return tooLarge(buffer.position(), maxBytes);
        }
      }
      if (!buffer.hasRemaining()) {
        // It grew while being read: read it again once it has settled.
        throw new IOException(file + " is still growing");
      }
      return new Contents(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    }
  }

  private static Refused refusal(Path file, BasicFileAttributes attributes, long size, long maxBytes) {
    if (attributes.isSymbolicLink()) {
      String target;
      try {
        target = " to " + Files.readSymbolicLink(file);
      } catch (IOException e) {
        target = "";
      }
      return new Refused("a symbolic link" + target + ": links are not followed, nothing was read", "symlink");
    }
    if (!attributes.isRegularFile()) {
      return new Refused("not a regular file (a pipe, socket or device): nothing was read", "not_a_file");
    }
    return size > maxBytes ? tooLarge(size, maxBytes) : null;
  }

  private static Refused tooLarge(long size, long maxBytes) {
    return new Refused(size + " bytes, more than the drop folder takes (relmon.ingest.drop.max.file.bytes = " + maxBytes
        + "): not read", "too_large");
  }

  /**
   * Imports one entry; moves it to done/ when everything in it was taken, to rejected/ when it
   * was refused unread.
   */
  void importFile(Path file) {
    Read read;
    try {
      read = read(file, maxFileBytes);
    } catch (IOException e) {
      log.warn("cannot read {} (tried again later): {}", file, e.toString());
      return;
    }
    if (read instanceof Refused refused) {
      refuse(file, refused);
      return;
    }
    byte[] bytes = ((Contents) read).bytes();
    boolean complete = true;
    List<ArticleParser.Parsed> parsed = parse(file, bytes);
    for (ArticleParser.Parsed item : parsed) {
      if (!item.ok()) {
        complete &= deadLetter(String.join("; ", item.errors()), bytes, item.origin(), "invalid_fields");
        continue;
      }
      ArticleIngestor.Submission submission = ingestor.submit(item.article(), CHANNEL);
      if (submission instanceof ArticleIngestor.Refused refused) {
        complete &= deadLetter(refused.reason(), bytes, item.origin(), refused.cause().tag());
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
   * An entry refused unread: dead-lettered with the reason and its name only, counted, and moved
   * to rejected/ so that it is not looked at again (it stays, and is tried again, while Kafka
   * cannot take the dead letter).
   */
  private void refuse(Path file, Refused refused) {
    log.warn("{} refused: {}", file, refused.reason());
    if (!deadLetters.send(refused.reason(), file.toString(), null)) {
      return;
    }
    ingestor.reject(CHANNEL, refused.tag());
    try {
      // A link is moved itself, not its target.
      Files.move(file, folder.resolve("rejected").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("cannot move {} to rejected/: {}", file, e.toString());
    }
  }

  /** The articles of a file's bytes, already read and checked (not read again from the path). */
  static List<ArticleParser.Parsed> parse(Path file, byte[] bytes) {
    return ArticleParser.fromBytes(file, bytes);
  }

  /**
   * Dead-letters one input of the file and counts the rejection once Kafka has it; false when it
   * could not be written (the file stays and is read again).
   */
  private boolean deadLetter(String reason, byte[] file, String origin, String rejection) {
    boolean sent = deadLetters.send(reason, origin, input(file, origin));
    if (sent) {
      ingestor.reject(CHANNEL, rejection);
    }
    return sent;
  }

  /** The bytes of the line named in {@code origin} ("file:line"), else the whole file's. */
  private static byte[] input(byte[] all, String origin) {
    int colon = origin.lastIndexOf(':');
    if (colon > 0 && origin.substring(colon + 1).matches("\\d+")) {
      String[] lines = new String(all, StandardCharsets.UTF_8).split("\n", -1);
      int line = Integer.parseInt(origin.substring(colon + 1));
      if (line >= 1 && line <= lines.length) {
        return lines[line - 1].getBytes(StandardCharsets.UTF_8);
      }
    }
    return all;
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
