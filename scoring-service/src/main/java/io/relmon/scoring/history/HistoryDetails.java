package io.relmon.scoring.history;

import io.relmon.scoring.warmth.Contribution;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Puts back the details of a dyad's driver events and signals — evidence or explanation, links,
 * sources, cited events, corroboration as of now — from {@code dyad-history-store}, which keeps every event of the dyad with them; the warmth
 * state keeps only what ranks its candidates ({@link Contribution#withoutDetails}). An event the
 * history no longer holds is shown as the warmth state has it.
 */
public final class HistoryDetails {
  private HistoryDetails() {}

  /** The details of {@code dyad}'s events, read from {@code history} (on the task or instance that holds the dyad). */
  public static UnaryOperator<Contribution> of(String dyad, ReadOnlyKeyValueStore<String, Contribution> history) {
    return event -> {
      Contribution held = history.get(HistoryKeys.of(dyad, event.eventTime(), event.eventId()));
      return held != null ? held : event;
    };
  }
}
