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
  void shouldFoldOldEventsIntoTheResidualWithoutChangingTheSum() {
    DyadWarmth w = DyadWarmth.empty().with(c("old", 1000, -6), P).with(c("mid", 1050, 3), P);
    double before = w.rawAt(1200 * DAY, P);

    DyadWarmth later = w.with(c("new", 1200, 0.5), P);

    assertThat(later.events()).extracting(Contribution::eventId).containsExactly("new");
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
    assertThat(next.events().get(0).corroboration()).isEqualTo(2);
  }
}
