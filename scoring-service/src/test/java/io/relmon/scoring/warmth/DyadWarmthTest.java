package io.relmon.scoring.warmth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DyadWarmthTest {
  private static final long DAY = 86_400_000L;
  private static final WarmthParameters P = WarmthParameters.defaults();

  private static Contribution c(String id, long day, double weight) {
    return new Contribution(id, "SUMMIT", "KOR", List.of("CHN"), null, day * DAY, weight, 1, "e", List.of());
  }

  @Test
  void shouldHalveAContributionEveryHalfLife() {
    DyadWarmth w = DyadWarmth.empty().with(c("a", 1000, 8), P);

    assertThat(w.rawAt(1000 * DAY, P)).isCloseTo(8, within(1e-12));
    assertThat(w.rawAt(1030 * DAY, P)).isCloseTo(4, within(1e-12));
    assertThat(w.rawAt(1060 * DAY, P)).isCloseTo(2, within(1e-12));
    assertThat(w.rawAt(999 * DAY, P)).isZero();
  }

  @Test
  void shouldSumEventsTimedWithinADayOnceYetDecayEachFromItsOwnTime() {
    // Undated events are timed at their publication: three in one day, at 06:00, 13:30 and 22:15.
    long[] at = {1000 * DAY + 6 * 3_600_000L, 1000 * DAY + 13 * 3_600_000L + 1_800_000L, 1000 * DAY + 22 * 3_600_000L + 900_000L};
    double[] weights = {4, -2.5, 7};
    DyadWarmth w = DyadWarmth.empty();
    for (int i = 0; i < at.length; i++) {
      w = w.with(new Contribution("u" + i, "STATEMENT_FRIENDLY", "KOR", List.of("CHN"), null, at[i], weights[i], 1, "e", List.of()), P);
    }
    assertThat(w.times()).as("one sum for the day").containsExactly(1000 * DAY);
    for (long t : new long[] {at[2], at[2] + 3 * DAY, at[2] + 41 * DAY}) {
      double exact = 0;
      for (int i = 0; i < at.length; i++) {
        exact += weights[i] * Math.pow(2, -(double) (t - at[i]) / P.halfLife().toMillis());
      }
      assertThat(w.rawAt(t, P)).isCloseTo(exact, within(1e-9));
    }
    assertThat(w.snapshot(P).raw()).isCloseTo(4 * Math.pow(2, -(double) (at[2] - at[0]) / P.halfLife().toMillis())
        - 2.5 * Math.pow(2, -(double) (at[2] - at[1]) / P.halfLife().toMillis()) + 7, within(1e-9));
  }

  @Test
  void shouldFoldOldEventsIntoTheResidualWithoutChangingTheSum() {
    DyadWarmth w = DyadWarmth.empty().with(c("old", 1000, -6), P).with(c("mid", 1050, 3), P);
    double before = w.rawAt(1200 * DAY, P);

    DyadWarmth later = w.with(c("new", 1200, 0.5), P);

    assertThat(later.drivers()).extracting(Contribution::eventId).containsExactly("new");
    assertThat(later.times()).containsExactly(1200 * DAY);
    assertThat(later.rawAt(1200 * DAY, P)).isCloseTo(before + 0.5, within(1e-12));
    assertThat(later.eventCount()).isEqualTo(3);
  }

  @Test
  void shouldReportChangesAndTopDriversAsOfTheLatestEvent() {
    WarmthParameters p = new WarmthParameters(Duration.ofDays(30), 25, 2, Duration.ofDays(90));
    DyadWarmth w = DyadWarmth.empty().with(c("a", 1000, 4), p).with(c("b", 1025, -3), p).with(c("c", 1028, -1), p);

    WarmthSnapshot s = w.snapshot(p);

    assertThat(s.asOf()).isEqualTo(1028 * DAY);
    double at = 4 * Math.pow(2, -28 / 30.0) - 3 * Math.pow(2, -3 / 30.0) - 1;
    double weekAgo = 4 * Math.pow(2, -21 / 30.0);
    assertThat(s.raw()).isCloseTo(at, within(1e-12));
    assertThat(s.change7d()).isCloseTo(p.scaled(at) - p.scaled(weekAgo), within(1e-9));
    assertThat(s.change30d()).isCloseTo(p.scaled(at), within(1e-9));
    assertThat(s.drivers()).extracting(d -> d.event().eventId()).containsExactly("b", "a");
  }

  @Test
  void shouldUpdateCorroborationOfAKnownEventWithoutCountingItTwice() {
    DyadWarmth w = DyadWarmth.empty().with(c("a", 1000, 4), P);
    Contribution again = new Contribution("a", "SUMMIT", "KOR", List.of("CHN"), null, 1000 * DAY, 4, 2, "e", List.of("u1", "u2"));

    DyadWarmth next = w.with(again, P);

    assertThat(next.rawAt(1000 * DAY, P)).isCloseTo(4, within(1e-12));
    assertThat(next.eventCount()).isEqualTo(1);
    assertThat(next.drivers().get(0).corroboration()).isEqualTo(2);
  }

  @Test
  void shouldKeepTheStateSmallAndTheDriversExactWhateverTheNumberOfEvents() {
    // Brute force: every event kept, drivers ranked over all of them within the retention.
    WarmthParameters p = WarmthParameters.defaults();
    java.util.Random random = new java.util.Random(7);
    DyadWarmth w = DyadWarmth.empty();
    List<Contribution> all = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long day = 1000 + i / 20 + random.nextInt(40) - 20; // ~250 days, out of order
      Contribution c = c("e" + i, day, Math.round(random.nextGaussian() * 40) / 10.0);
      all.add(c);
      w = w.with(c, p);
      if (i % 250 == 249) {
        long asOf = w.asOf();
        long horizon = asOf - p.retention().toMillis();
        List<String> expected = all.stream().filter(e -> e.eventTime() >= horizon)
            .sorted(java.util.Comparator.comparingDouble((Contribution e) -> -Math.abs(e.weight() * Math.pow(2, -(asOf - e.eventTime()) / (30.0 * DAY))))
                .thenComparing(Contribution::eventId))
            .limit(p.maxDrivers()).map(Contribution::eventId).toList();
        assertThat(w.snapshot(p).drivers()).extracting(d -> d.event().eventId()).as("after %d events", i + 1).isEqualTo(expected);
        // Held exactly: the events within the retention that fewer than maxDrivers events of the
        // same time or later outrank (the rest can never lead again).
        java.util.Comparator<Contribution> strongestFirst = java.util.Comparator
            .comparingDouble((Contribution e) -> -Math.abs(e.weight() * Math.pow(2, -(asOf - e.eventTime()) / (30.0 * DAY))))
            .thenComparing(Contribution::eventId);
        List<Contribution> within = all.stream().filter(e -> e.eventTime() >= horizon).toList();
        List<String> candidates = within.stream()
            .filter(e -> within.stream().filter(o -> o != e && o.eventTime() >= e.eventTime() && strongestFirst.compare(o, e) < 0)
                .count() < p.maxDrivers())
            .map(Contribution::eventId).toList();
        assertThat(w.drivers()).extracting(Contribution::eventId).as("candidates after %d events", i + 1)
            .containsExactlyInAnyOrderElementsOf(candidates);
        double raw = 0;
        for (Contribution e : all) {
          raw += e.weight() * Math.pow(2, -(asOf - e.eventTime()) / (30.0 * DAY));
        }
        // Events dated after a fold's horizon that arrive late are folded on arrival; the sum is exact.
        assertThat(w.rawAt(asOf, p)).isCloseTo(raw, within(1e-9));
      }
    }
    assertThat(w.eventCount()).isEqualTo(5_000);
    assertThat(w.times().length).isLessThanOrEqualTo(91);
    assertThat(w.drivers().size()).as("driver candidates held").isLessThan(60);
    assertThat(DyadWarmthCodec.encode(w).length).as("bytes stored").isLessThan(8_000);
  }

  @Test
  void shouldRoundTripThroughItsBinaryForm() {
    Contribution signal = new Contribution("s1", "TIMED_PROVOCATION", "PRK", List.of("CHN", "KOR"), "2026-01-04", 1001 * DAY, -4, 1,
        "PRK tested a missile while CHN and KOR met", List.of());
    Contribution noDate = new Contribution("n1", "AID", "KOR", List.of("CHN"), null, 1002 * DAY + 5, 5.6, 1, null, List.of("u1", "ü2"));
    DyadWarmth counted = DyadWarmth.empty().with(c("a", 900, 3), P).with(signal, P).with(noDate, P).with(c("b", 1003, -2), P);
    assertThat(counted.drivers()).as("candidates kept without their details").allSatisfy(d -> {
      assertThat(d.evidence()).isEmpty();
      assertThat(d.urls()).isEmpty();
    });
    assertThat(counted.signals()).containsExactly(signal.withoutDetails());
    // The binary form carries details too (states written before they were left to the history).
    DyadWarmth w = new DyadWarmth(counted.residual(), counted.residualTime(), counted.times(), counted.weights(),
        List.of(counted.drivers().get(0), noDate, signal), List.of(signal), counted.eventCount(), counted.asOf(), false);

    DyadWarmth back = DyadWarmthCodec.decode(DyadWarmthCodec.encode(w));

    assertThat(back.residual()).isEqualTo(w.residual());
    assertThat(back.residualTime()).isEqualTo(w.residualTime());
    assertThat(back.times()).containsExactly(w.times());
    assertThat(back.weights()).containsExactly(w.weights());
    assertThat(back.drivers()).isEqualTo(w.drivers());
    assertThat(back.signals()).containsExactly(signal);
    assertThat(back.eventCount()).isEqualTo(4);
    assertThat(back.asOf()).isEqualTo(w.asOf());
    assertThat(back.published()).isFalse();
  }

  @Test
  void shouldRefuseTheOldJsonStateWithWhatToDo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DyadWarmthCodec.decode("{\"residual\":0}".getBytes()))
        .hasMessageContaining("reset the scoring application");
  }

  @Test
  void shouldRefuseATruncatedStateWithItsStore() {
    byte[] whole = DyadWarmthCodec.encode(DyadWarmth.empty().with(c("a", 1000, 3), P));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DyadWarmthCodec.decode(java.util.Arrays.copyOf(whole, whole.length - 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dyad-warmth-store: truncated or damaged state");
  }

  @Test
  void shouldCountARepeatedSignalOnce() {
    Contribution signal = new Contribution("s1", "TIMED_PROVOCATION", "PRK", List.of("CHN"), "2026-01-04", 1000 * DAY, -4, 1, "x", List.of());
    DyadWarmth w = DyadWarmth.empty().with(signal, P);
    for (int i = 0; i < 10; i++) {
      w = w.with(c("big" + i, 1000, 9), P); // pushes the signal out of the driver candidates
    }

    DyadWarmth again = w.with(signal, P);

    assertThat(again).isSameAs(w);
    assertThat(again.eventCount()).isEqualTo(11);
  }
}
