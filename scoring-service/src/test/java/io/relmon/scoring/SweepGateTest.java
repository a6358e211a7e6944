package io.relmon.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SweepGateTest {

  @Test
  void opensForTheFirstSweepThenOnlyOnceTheGapHasPassedOnTheClock() {
    SweepGate gate = new SweepGate();
    long t0 = 1_700_000_000_000L;
    assertThat(gate.open(t0)).isTrue();
    assertThat(gate.open(t0 + 1)).isFalse();
    assertThat(gate.open(t0 + SweepGate.GAP.toMillis() - 1)).isFalse();
    assertThat(gate.open(t0 + SweepGate.GAP.toMillis())).isTrue();
    assertThat(gate.open(t0 + SweepGate.GAP.toMillis() + 1)).as("counted from the last sweep").isFalse();
  }
}
