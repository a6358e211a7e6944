package io.relmon.scoring.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DyadHistoryReaderTest {

  private static final WarmthParameters P = WarmthParameters.defaults();
  private static final long DAY = 86_400_000L;
  private static final long JAN_1 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private static Contribution event(String id, long time, double weight, String date) {
    return new Contribution(id, weight < 0 ? "STATEMENT_HOSTILE" : "STATEMENT_FRIENDLY", "PRK", List.of("CHN"), date, time, weight, 1,
        "Evidence of " + id, List.of(), "FACT",
        List.of(new Contribution.Source("a-" + id, "Outlet", "Title " + id, "https://news.example/" + id, time + 3_600_000L)), List.of());
  }

  @Test
  void shouldGiveEachDaysWarmthAsTheWarmthStateComputesIt() {
    List<Contribution> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long time = JAN_1 + i * 3 * DAY / 2; // every day and a half, some mid-day
      entries.add(event("e" + i, time, i % 3 == 0 ? -4 : 1.5, null));
    }
    DyadWarmth state = DyadWarmth.empty();
    for (Contribution c : entries) {
      state = state.with(c, P);
    }

    HistoryView.Dyad history = DyadHistoryReader.read("CHN-PRK", state, entries.iterator(), P, 60);

    assertThat(history.points()).hasSize(60);
    assertThat(history.points().get(59).date()).isEqualTo(LocalDate.ofInstant(Instant.ofEpochMilli(state.asOf()), ZoneOffset.UTC));
    for (HistoryView.Point point : history.points()) {
      long end = Math.min(point.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1, state.asOf());
      assertThat(point.raw()).as(point.date().toString()).isCloseTo(state.rawAt(end, P), within(0.001));
      assertThat(point.value()).isCloseTo(P.scaled(point.raw()), within(0.05));
    }
    assertThat(history.value()).isCloseTo(history.points().get(59).value(), within(0.001));
  }

  @Test
  void shouldListTheWindowsEventsNewestFirstWithTheirSourcesAndTheSignalsWithTheirEvents() {
    Contribution old = event("old", JAN_1, -3, "2026-01-01");
    Contribution undated = event("undated", JAN_1 + 20 * DAY, 2, null);
    Contribution visit = event("visit", JAN_1 + 25 * DAY, 2, "2026-01-26");
    Contribution signal = new Contribution("sig", "TIMED_PROVOCATION", "PRK", List.of("CHN", "KOR"), "2026-01-26", JAN_1 + 25 * DAY,
        -4, 1, "PRK missile test on 2026-01-26, timed to the visit", List.of(), "FACT", List.of(), List.of(visit, undated));
    List<Contribution> entries = new ArrayList<>(List.of(old, undated, visit, signal));
    entries.sort(Comparator.comparingLong(Contribution::eventTime).thenComparing(Contribution::eventId));
    DyadWarmth state = DyadWarmth.empty();
    for (Contribution c : entries) {
      state = state.with(c, P);
    }

    HistoryView.Dyad history = DyadHistoryReader.read("CHN-PRK", state, entries.iterator(), P, 10);

    assertThat(history.events()).extracting(HistoryView.Event::id).containsExactly("visit", "undated");
    HistoryView.Event undatedEvent = history.events().get(1);
    assertThat(undatedEvent.date()).isNull();
    assertThat(undatedEvent.sources()).singleElement().satisfies(s -> {
      assertThat(s.title()).isEqualTo("Title undated");
      assertThat(s.url()).isEqualTo("https://news.example/undated");
    });
    assertThat(undatedEvent.contribution()).isCloseTo(2 * P.decay(5 * DAY), within(0.001));
    assertThat(history.signals()).singleElement().satisfies(s -> {
      assertThat(s.explanation()).contains("timed to the visit");
      assertThat(s.events()).extracting(HistoryView.Event::evidence).containsExactly("Evidence of visit", "Evidence of undated");
    });
    // The event before the window still counts in the series: the first point is not zero.
    assertThat(history.points().get(0).raw()).isNotZero();
  }
}
