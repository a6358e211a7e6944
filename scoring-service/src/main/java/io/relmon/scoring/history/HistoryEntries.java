package io.relmon.scoring.history;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.scoring.dedupe.DedupeProcessor;
import io.relmon.scoring.dedupe.EventIdentity;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.WarmthProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A dyad's history as the history API, the web view and warmth publication read it: every event
 * that counts toward the dyad, with its evidence, reports and corroboration as of now, and every
 * signal, in time order. The events are read from {@code event-identity-store}, which holds each
 * event at each of its routes under {@code route|identity} for de-duplication anyway; the signals
 * from {@code dyad-history-store} under {@link HistoryKeys}. Until 2026-12-04 the history store
 * held a copy of every event as well — a second changelog record per event and dyad
 * (docs/benchmarks.md); the events it holds from then are still read (an event in both is read
 * from the identity store, which has its latest reports), and leave with its retention.
 */
public final class HistoryEntries {

  private static final StringSerializer KEYS = new StringSerializer();
  private static final Comparator<Contribution> IN_TIME_ORDER =
      Comparator.comparingLong(Contribution::eventTime).thenComparing(Contribution::eventId);

  private final ReadOnlyKeyValueStore<String, DedupedEvent> identities;
  private final ReadOnlyKeyValueStore<String, Contribution> history;

  /** Over the stores of one task, or of one instance (interactive queries): the dyad's owner. */
  public HistoryEntries(ReadOnlyKeyValueStore<String, DedupedEvent> identities, ReadOnlyKeyValueStore<String, Contribution> history) {
    this.identities = identities;
    this.history = history;
  }

  /** The dyad's events and signals at or after {@code from} (epoch ms), oldest first. */
  public List<Contribution> of(String dyad, long from) {
    // Under the dyad's route: its events, whether or not they count there (a planned one does not).
    try (KeyValueIterator<String, Contribution> held = history.range(HistoryKeys.from(dyad, from), HistoryKeys.after(dyad));
         KeyValueIterator<String, DedupedEvent> events = identities.prefixScan(dyad + "|", KEYS)) {
      return merged(values(events), values(held), from);
    }
  }

  /**
   * A dyad's entries at or after {@code from}, oldest first, from its {@code events} as the
   * identity store holds them under its route and the {@code held} entries of the history store
   * (signals, and events kept there by older builds; an event in both is taken from the first).
   */
  public static List<Contribution> merged(Iterator<DedupedEvent> events, Iterator<Contribution> held, long from) {
    Map<String, Contribution> byId = new HashMap<>();
    held.forEachRemaining(c -> byId.put(c.eventId(), c));
    events.forEachRemaining(event -> {
      if (event.getEventTime().toEpochMilli() >= from && WarmthProcessor.countsTowardWarmth(event)) {
        byId.put(event.getEventId(), WarmthProcessor.contribution(event));
      }
    });
    List<Contribution> entries = new ArrayList<>(byId.values());
    entries.sort(IN_TIME_ORDER);
    return entries;
  }

  private static <V> Iterator<V> values(KeyValueIterator<String, V> entries) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public V next() {
        return entries.next().value;
      }
    };
  }

  /**
   * Puts back the details of the dyad's driver events and signals — evidence or explanation,
   * links, reports, cited events, corroboration as of now — that the warmth state leaves out
   * ({@link Contribution#withoutDetails}). An event's identity follows from what the state keeps
   * (type, actor, targets, date, and for an undated event its time: the first report's
   * publication). One no longer held is shown as the warmth state has it.
   */
  public UnaryOperator<Contribution> details(String dyad) {
    return entry -> {
      if (!entry.isSignal()) {
        String identity = EventIdentity.of(entry.type(), entry.actor(), entry.targets(), entry.date(),
            Instant.ofEpochMilli(entry.eventTime()));
        DedupedEvent event = identities.get(DedupeProcessor.storeKey(dyad, identity));
        if (event != null && event.getEventId().equals(entry.eventId())) {
          return WarmthProcessor.contribution(event);
        }
      }
      Contribution held = history.get(HistoryKeys.of(dyad, entry.eventTime(), entry.eventId()));
      return held != null ? held : entry;
    };
  }
}
