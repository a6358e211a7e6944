package io.relmon.scoring.history;

import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every signal of a dyad (with its explanation and the events it cites) in
 * {@code dyad-history-store} under {@link HistoryKeys}, for the history API and the web view; the
 * dyad's events are read from the identity store ({@link HistoryEntries}), and the warmth state
 * itself keeps only sums and the few possible drivers. A signal is kept as it was first written
 * (one with the same id again changes nothing). Events held here by builds before 2026-12-04,
 * which kept a copy of every event, are still read, and leave with the retention. Bounded in time: once a day of stream
 * time (and at most once in ten minutes of the clock), entries older than the retention (before the stream time) are deleted, dyad by dyad (the
 * dyads are the keys of {@code dyad-warmth-store}, on the same task). Forwards nothing.
 */
public final class HistoryProcessor implements Processor<String, Contribution, Void, Void> {

  /** How often, in stream time, entries past the retention are looked for. */
  static final Duration SWEEP_INTERVAL = Duration.ofDays(1);

  private final String historyStoreName;
  private final String warmthStoreName;
  private final Duration retention;
  private KeyValueStore<String, Contribution> history;
  private KeyValueStore<String, DyadWarmth> warmth;
  private Cancellable sweep;
  private ProcessorContext<Void, Void> context;
  private io.relmon.scoring.SweepGate sweepGate;

  public HistoryProcessor(String historyStoreName, String warmthStoreName, Duration retention) {
    this.historyStoreName = historyStoreName;
    this.warmthStoreName = warmthStoreName;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.sweepGate = new io.relmon.scoring.SweepGate();
    history = context.getStateStore(historyStoreName);
    warmth = context.getStateStore(warmthStoreName);
    sweep = context.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::forgetBefore);
  }

  @Override
  public void process(Record<String, Contribution> record) {
    Contribution c = record.value();
    String key = HistoryKeys.of(record.key(), c.eventTime(), c.eventId());
    if (history.get(key) == null) {
      history.put(key, c);
    }
  }

  /**
   * Deletes every dyad's entries older than the retention, as of {@code streamTime}, when the gate
   * lets it (at most once in ten minutes of the clock: a replay moves stream time a day a second).
   */
  void forgetBefore(long streamTime) {
    long cutoff = streamTime - retention.toMillis();
    if (cutoff <= 0 || !sweepGate.open(context.currentSystemTimeMs())) {
      return;
    }
    List<String> dyads = new ArrayList<>();
    try (KeyValueIterator<String, DyadWarmth> all = warmth.all()) {
      all.forEachRemaining(kv -> dyads.add(kv.key));
    }
    for (String dyad : dyads) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, Contribution> old = history.range(HistoryKeys.from(dyad, 0), HistoryKeys.from(dyad, cutoff))) {
        old.forEachRemaining(kv -> expired.add(kv.key));
      }
      expired.forEach(history::delete);
    }
  }

  @Override
  public void close() {
    if (sweep != null) {
      sweep.cancel();
    }
  }
}
