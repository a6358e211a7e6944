package io.relmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every form a latency quantile is printed in is one BenchCommandIT accepts (a loaded CI machine prints the last). */
class BenchOutputTest {

  @Test
  void shouldPrintEveryQuantileInTheFormTheItReads() {
    for (Double seconds : new Double[] {0.25, 12.0, Double.POSITIVE_INFINITY, Double.NaN, null}) {
      assertThat(BenchCommand.ms(seconds)).as(String.valueOf(seconds)).matches(BenchCommand.QUANTILE);
    }
    assertThat(BenchCommand.ms(Double.POSITIVE_INFINITY)).isEqualTo("beyond the largest bucket (30 s)");
    assertThat(BenchCommand.ms(0.25)).isEqualTo("<= 250 ms");
  }
}
