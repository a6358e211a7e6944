package io.relmon.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.relmon.kafka.embedded.EmbeddedKafkaCluster;
import io.relmon.kafka.embedded.PortInUseException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's SMTP server (GreenMail, a real SMTP implementation) that keeps each e-mail it
 * accepts as an {@code .eml} file, named after its Message-ID, so analysts can open what relmon
 * would have sent.
 */
final class SmtpSink implements AutoCloseable {

  private final GreenMail greenMail;
  private final Path directory;
  private final List<Path> written = new ArrayList<>();
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "smtp-sink-flush");
    thread.setDaemon(true);
    return thread;
  });
  private int seen;

  private SmtpSink(GreenMail greenMail, Path directory) {
    this.greenMail = greenMail;
    this.directory = directory;
    // While the stack keeps serving, alerts keep coming: write each e-mail soon after it arrives.
    flusher.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      System.err.println("relmon: " + e.getMessage());
    }
  }

  static SmtpSink start(int port, Path directory) {
    if (port != 0 && !EmbeddedKafkaCluster.isFree(port)) {
      throw new PortInUseException("SMTP sink", port);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return new SmtpSink(greenMail, directory);
  }

  int port() {
    return greenMail.getSmtp().getPort();
  }

  /** Writes every e-mail received since the last call; returns all files written so far. */
  synchronized List<Path> flush() {
    MimeMessage[] messages = greenMail.getReceivedMessages();
    for (; seen < messages.length; seen++) {
      MimeMessage message = messages[seen];
      try {
        String id = message.getMessageID() == null ? "message-" + seen : message.getMessageID();
        String name = String.format("%03d-%s.eml", seen + 1, id.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_|_$", ""));
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
          message.writeTo(out);
        }
        written.add(file.toAbsolutePath());
      } catch (IOException | MessagingException e) {
        throw new IllegalStateException("cannot write received e-mail to " + directory, e);
      }
    }
    return List.copyOf(written);
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    flush();
    greenMail.stop();
  }
}
