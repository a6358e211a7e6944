package io.relmon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Politeness per host, and how much of it is remembered. */
@Timeout(30)
class HostPacerTest {

  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldRememberAtMostTheBoundAndForgetHostsOnceTheirDelayHasPassed() throws Exception {
    StepClock clock = new StepClock();
    HostPacer pacer = new HostPacer(Duration.ofSeconds(2), 100, clock);

    for (int i = 0; i < 250; i++) {
      pacer.turn("host-" + i + ".example:443").close();
    }
    int atTheBound = pacer.remembered();
    clock.advance(Duration.ofSeconds(1));
    pacer.turn("late.example:443").close();
    int beforeTheDelayPassed = pacer.remembered();
    clock.advance(Duration.ofMillis(1500));
    int afterTheFirstDelaysPassed = pacer.remembered();
    clock.advance(Duration.ofSeconds(1));
    int afterEveryDelayPassed = pacer.remembered();

    assertThat(atTheBound).as("250 hosts, at most 100 remembered").isEqualTo(100);
    assertThat(beforeTheDelayPassed).isEqualTo(100);
    assertThat(afterTheFirstDelaysPassed).as("only the host whose delay has not passed").isEqualTo(1);
    assertThat(afterEveryDelayPassed).isZero();
  }

  @Test
  void shouldKeepTheDelayBetweenTheEndOfOneRequestAndTheNextToOneHost() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ofMillis(300), 100, Clock.systemUTC());

    pacer.turn("a.example:80").close();
    long start = System.nanoTime();
    pacer.turn("a.example:80").close();
    long waited = System.nanoTime() - start;

    assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
  }

  @Test
  void shouldLetOneRequestToAHostRunAtATimeAndOthersHostsMeanwhile() throws Exception {
    HostPacer pacer = new HostPacer(Duration.ZERO, 100, Clock.systemUTC());
    HostPacer.Turn first = pacer.turn("a.example:80");

    CompletableFuture<HostPacer.Turn> second = CompletableFuture.supplyAsync(() -> turn(pacer, "a.example:80"));
    HostPacer.Turn other = CompletableFuture.supplyAsync(() -> turn(pacer, "b.example:80")).get(10, TimeUnit.SECONDS);
    Thread.sleep(200);
    boolean secondWhileFirstRuns = second.isDone();
    first.close();
    HostPacer.Turn secondTurn = second.get(10, TimeUnit.SECONDS);

    assertThat(secondWhileFirstRuns).as("a second request to a.example while the first runs").isFalse();
    assertThat(pacer.remembered()).isEqualTo(2);
    secondTurn.close();
    other.close();
  }

  private static HostPacer.Turn turn(HostPacer pacer, String host) {
    try {
      return pacer.turn(host);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
