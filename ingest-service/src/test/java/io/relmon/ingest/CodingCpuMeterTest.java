package io.relmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.relmon.coder.ArticleText;
import io.relmon.coder.Coding;
import io.relmon.coder.EventCoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code relmon.ingest.coding.cpu} counts the CPU the coder itself used: the bench subtracts it
 * from ingest's CPU per article (issue 16). A coder double that burns a known amount of its
 * thread's CPU; the counter must hold at least that, and no more than the wall time the calls took
 * (CPU time cannot exceed it on one thread, however busy the machine).
 */
class CodingCpuMeterTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long BURN_NANOS = 30_000_000L;

  /** Spins until its thread has used {@link #BURN_NANOS} of CPU, then finds no events. */
  private static final class BurningCoder implements EventCoder {
    @Override
    public String version() {
      return "burning-test-coder/1";
    }

    @Override
    public Coding code(ArticleText article) {
      long start = THREADS.getCurrentThreadCpuTime();
      long spins = 0;
      while (THREADS.getCurrentThreadCpuTime() - start < BURN_NANOS) {
        spins++;
      }
      return new Coding(List.of(), spins < 0 ? null : List.of());
    }
  }

  @Test
  void shouldCountTheCpuTheCoderUsedForEachArticle() throws Exception {
    Assumptions.assumeTrue(THREADS.isCurrentThreadCpuTimeSupported(), "this JVM cannot tell a thread's CPU time");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ArticleIngestor ingestor = new ArticleIngestor(new BurningCoder(), SourceRegistry.load(),
        event -> CompletableFuture.completedFuture(null), SeenArticles.inMemory(100), meters,
        Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC), PublishedRange.defaults());

    long wallStart = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      ingestor.ingest(new Article("cpu-" + i, "https://news.example/cpu-" + i, "test wire", "Talks " + i,
          "Seoul and Tokyo held talks on Jan. " + (i + 3) + ".", java.time.OffsetDateTime.parse("2026-01-14T08:00:00Z")), "http").get();
    }
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

    double counted = meters.get("relmon.ingest.coding.cpu").counter().count();
    assertThat(counted).isGreaterThanOrEqualTo(3 * BURN_NANOS / 1e9).isLessThanOrEqualTo(wallSeconds);
  }
}
