package io.relmon.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The backoff and the budget, on instants from a clock the test moves. */
class RetryPolicyTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));

  @Test
  void shouldDoubleTheWaitFromFirstUpToMax() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(1_000)).as("no overflow after many failures").isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldKeepTheFormerScheduleByDefault() {
    // 1 + 2 + 4 + 8 + 16 + 30 + 30: the waits between the former 8 inline attempts.
    assertThat(RetryPolicy.defaults().budget()).isEqualTo(Duration.ofSeconds(91));
  }

  @Test
  void shouldGiveUpAfterTheAttemptsOrTheBudgetWhicheverComesFirst() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));
    Instant since = clock.instant();

    assertThat(policy.givesUp(4, since, clock.instant())).isFalse();
    assertThat(policy.givesUp(5, since, clock.instant())).as("attempts spent").isTrue();

    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(policy.givesUp(1, since, clock.instant())).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(policy.givesUp(1, since, clock.instant())).as("budget spent").isTrue();
  }

  @Test
  void shouldRefuseANonsensicalPolicy() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
