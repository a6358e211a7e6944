package io.relmon.scoring.query;

import io.relmon.scoring.history.DyadHistoryReader;
import io.relmon.scoring.history.HistoryEntries;
import io.relmon.scoring.history.HistoryView;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import io.relmon.scoring.warmth.WarmthParameters;
import io.relmon.scoring.warmth.WarmthSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The history this instance holds (its partitions of {@code dyad-warmth-store}, and of the events
 * and signals {@link HistoryEntries} reads), as {@link HistoryView} records. Callers route a dyad's question to
 * its owner and merge the answers of all instances for questions about many dyads.
 */
final class LocalHistory {

  /** Days the API shows at most, and by default. */
  static final int MAX_DAYS = 730;
  static final int DEFAULT_DAYS = 90;
  /** Days of a mover's sparkline on the overview. */
  static final int SPARKLINE_DAYS = 30;
  /**
   * Days before a window whose events still count in its series: after a year, an event keeps
   * 2⁻¹² of its weight (30-day half-life), below what the series shows.
   */
  static final long LEAD_DAYS = 365;

  private final Supplier<KafkaStreams> streams;
  private final WarmthParameters parameters;

  LocalHistory(Supplier<KafkaStreams> streams, WarmthParameters parameters) {
    this.streams = streams;
    this.parameters = parameters;
  }

  /** The dyad's history over the last {@code days} days, or empty when no event has touched it here. */
  Optional<HistoryView.Dyad> dyad(String dyad, int days) {
    DyadWarmth state = warmth().get(dyad);
    if (state == null || state.eventCount() == 0) {
      return Optional.empty();
    }
    // The window and a lead-in: what events before it still add to its first point (read from
    // further back, a dyad's three years would be scanned for a 30-day sparkline).
    long from = state.snapshot(parameters).asOf() - (days + LEAD_DAYS) * 86_400_000L;
    HistoryEntries history = history();
    return Optional.of(DyadHistoryReader.read(dyad, state, history.of(dyad, from).iterator(), parameters, days,
        history.details(dyad)));
  }

  /** The partners of {@code country} held here. */
  List<HistoryView.Partner> partners(String country) {
    List<HistoryView.Partner> partners = new ArrayList<>();
    try (KeyValueIterator<String, DyadWarmth> all = warmth().all()) {
      all.forEachRemaining(kv -> {
        String[] states = kv.key.split("-");
        if (states.length == 2 && (states[0].equals(country) || states[1].equals(country))) {
          WarmthSnapshot s = kv.value.snapshot(parameters);
          partners.add(new HistoryView.Partner(states[0].equals(country) ? states[1] : states[0], kv.key, round(s.value()),
              round(s.change7d()), round(s.change30d()), s.eventCount(), Instant.ofEpochMilli(s.asOf())));
        }
      });
    }
    return partners;
  }

  /** This instance's part of the overview: its top movers (with sparklines) and latest signals. */
  HistoryView.Overview overview(int n) {
    List<HistoryView.Mover> all = new ArrayList<>();
    List<HistoryView.Signal> signals = new ArrayList<>();
    // The dyad each signal was first found under, to read the details of the few shown.
    java.util.Map<String, java.util.Map.Entry<String, Contribution>> heldUnder = new java.util.HashMap<>();
    try (KeyValueIterator<String, DyadWarmth> dyads = warmth().all()) {
      dyads.forEachRemaining(kv -> {
        WarmthSnapshot s = kv.value.snapshot(parameters);
        all.add(new HistoryView.Mover(kv.key, round(s.value()), round(s.change7d()), round(s.change30d()), List.of()));
        kv.value.signals().forEach(c -> {
          signals.add(DyadHistoryReader.signal(c));
          heldUnder.putIfAbsent(c.eventId(), java.util.Map.entry(kv.key, c));
        });
      });
    }
    HistoryEntries history = history();
    List<HistoryView.Signal> shown = latest(signals, n).stream().map(s -> {
      var held = heldUnder.get(s.id());
      return DyadHistoryReader.signal(history.details(held.getKey()).apply(held.getValue()));
    }).toList();
    java.util.Map<String, List<HistoryView.Point>> sparklines = new java.util.HashMap<>();
    return new HistoryView.Overview(withSparklines(top(all, HistoryView.Mover::change7d, n), sparklines),
        withSparklines(top(all, HistoryView.Mover::change30d, n), sparklines), shown);
  }

  static List<HistoryView.Mover> top(List<HistoryView.Mover> movers, java.util.function.ToDoubleFunction<HistoryView.Mover> change, int n) {
    return movers.stream()
        .filter(m -> change.applyAsDouble(m) != 0)
        .sorted(Comparator.comparingDouble((HistoryView.Mover m) -> -Math.abs(change.applyAsDouble(m))).thenComparing(HistoryView.Mover::dyad))
        .limit(n)
        .toList();
  }

  /** The latest signals, one per signal id (a signal is held under each dyad it names). */
  static List<HistoryView.Signal> latest(List<HistoryView.Signal> signals, int n) {
    java.util.Map<String, HistoryView.Signal> byId = new java.util.LinkedHashMap<>();
    signals.stream()
        .sorted(Comparator.comparing(HistoryView.Signal::eventTime).reversed().thenComparing(HistoryView.Signal::id))
        .forEach(s -> byId.putIfAbsent(s.id(), s));
    return byId.values().stream().limit(n).toList();
  }

  private List<HistoryView.Mover> withSparklines(List<HistoryView.Mover> movers, java.util.Map<String, List<HistoryView.Point>> read) {
    // A dyad among both the 7- and the 30-day movers is read once.
    return movers.stream()
        .map(m -> new HistoryView.Mover(m.dyad(), m.value(), m.change7d(), m.change30d(),
            read.computeIfAbsent(m.dyad(), d -> dyad(d, SPARKLINE_DAYS).map(HistoryView.Dyad::points).orElse(List.of()))))
        .toList();
  }

  private ReadOnlyKeyValueStore<String, DyadWarmth> warmth() {
    return QueryStores.warmth(streams.get());
  }

  private HistoryEntries history() {
    return QueryStores.history(streams.get());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
