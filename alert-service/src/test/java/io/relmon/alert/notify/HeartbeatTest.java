package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Alive means: the thread runs and beat within the bound. */
class HeartbeatTest {

  @Test
  void shouldBeAliveOnlyWhileTheThreadRunsAndBeatsWithinTheBound() throws Exception {
    AtomicLong nanos = new AtomicLong(0);
    Heartbeat heartbeat = new Heartbeat(nanos::get, Duration.ofSeconds(120));
    CountDownLatch stop = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.start();
    try {
      assertThat(heartbeat.alive(worker)).isTrue();

      nanos.set(Duration.ofSeconds(120).toNanos());
      assertThat(heartbeat.alive(worker)).as("at the bound").isTrue();
      nanos.set(Duration.ofSeconds(121).toNanos());
      assertThat(heartbeat.alive(worker)).as("stalled past the bound").isFalse();
      assertThat(heartbeat.ageSeconds()).isEqualTo(121.0);

      heartbeat.beat();
      assertThat(heartbeat.alive(worker)).as("beating again").isTrue();
      assertThat(heartbeat.ageSeconds()).isZero();
    } finally {
      stop.countDown();
      worker.join(10_000);
    }
    assertThat(heartbeat.alive(worker)).as("the thread ended").isFalse();
  }
}
