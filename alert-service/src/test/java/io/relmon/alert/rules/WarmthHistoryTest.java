package io.relmon.alert.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmthHistoryTest {
  private static final long DAY = 86_400_000L;

  @Test
  void shouldKeepNinetyDaysInOrderAndFindTheWindowsHigh() {
    WarmthHistory h = WarmthHistory.empty().with(100 * DAY, 5).with(10 * DAY, 40).with(80 * DAY, 12).with(95 * DAY, -3);

    assertThat(h.points()).extracting(WarmthHistory.Point::asOf).containsExactly(10 * DAY, 80 * DAY, 95 * DAY, 100 * DAY);
    assertThat(h.highSince(100 * DAY, 30 * DAY)).isEqualTo(12);
    assertThat(h.with(200 * DAY, 1).points()).extracting(WarmthHistory.Point::asOf).containsExactly(200 * DAY);
  }
}
