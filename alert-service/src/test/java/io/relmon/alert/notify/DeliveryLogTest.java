package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.relmon.schemas.avro.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The delivery log remembers outcomes within its bounds and forgets the oldest past them. */
class DeliveryLogTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void shouldRememberWhatWasDeliveredAndWhatFailed() {
    DeliveryLog log = new DeliveryLog(Duration.ofDays(30), 10);
    log.record("a1/desk", DeliveryStatus.DELIVERED, T0, T0);
    log.record("a2/desk", DeliveryStatus.FAILED, T0, T0);

    assertThat(log.status("a1/desk")).contains(DeliveryStatus.DELIVERED);
    assertThat(log.status("a2/desk")).contains(DeliveryStatus.FAILED);
    assertThat(log.done("a2/desk")).isTrue();
    assertThat(log.done("a3/desk")).isFalse();
  }

  @Test
  void shouldNeverHoldMoreThanItsKeyBoundForgettingTheOldestFirst() {
    DeliveryLog log = new DeliveryLog(Duration.ofDays(30), 1_000);
    for (int i = 0; i < 1_500; i++) {
      log.record("a" + i + "/desk", DeliveryStatus.DELIVERED, T0.plusSeconds(i), T0.plusSeconds(i));
      assertThat(log.size()).isLessThanOrEqualTo(1_000);
    }

    assertThat(log.size()).isEqualTo(1_000);
    assertThat(log.done("a499/desk")).as("the oldest 500 forgotten").isFalse();
    assertThat(log.done("a500/desk")).isTrue();
    assertThat(log.done("a1499/desk")).isTrue();
  }

  @Test
  void shouldForgetKeysOlderThanTheRetention() {
    DeliveryLog log = new DeliveryLog(Duration.ofDays(30), 1_000);
    log.record("old/desk", DeliveryStatus.DELIVERED, T0, T0);
    log.record("recent/desk", DeliveryStatus.DELIVERED, T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(20)));

    log.forget(T0.plus(Duration.ofDays(30)));
    assertThat(log.done("old/desk")).as("exactly 30 days old: still kept").isTrue();

    log.forget(T0.plus(Duration.ofDays(30)).plusMillis(1));
    assertThat(log.done("old/desk")).isFalse();
    assertThat(log.done("recent/desk")).isTrue();
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void shouldMoveAKeyRecordedAgainToTheEnd() {
    DeliveryLog log = new DeliveryLog(Duration.ofDays(30), 2);
    log.record("a1/desk", DeliveryStatus.FAILED, T0, T0);
    log.record("a2/desk", DeliveryStatus.DELIVERED, T0, T0);
    // a1 delivered on request later: it is now the newest, so a2 goes first.
    log.record("a1/desk", DeliveryStatus.DELIVERED, T0.plusSeconds(5), T0.plusSeconds(5));
    log.record("a3/desk", DeliveryStatus.DELIVERED, T0.plusSeconds(6), T0.plusSeconds(6));

    assertThat(log.status("a1/desk")).contains(DeliveryStatus.DELIVERED);
    assertThat(log.done("a2/desk")).isFalse();
    assertThat(log.done("a3/desk")).isTrue();
  }
}
