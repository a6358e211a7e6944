package io.relmon.scoring.query;

import io.relmon.schemas.avro.DedupedEvent;
import io.relmon.scoring.ScoringTopology;
import io.relmon.scoring.history.HistoryEntries;
import io.relmon.scoring.warmth.Contribution;
import io.relmon.scoring.warmth.DyadWarmth;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The stores the query API reads on this instance (interactive queries), under their topology names. */
final class QueryStores {
  private QueryStores() {}

  static ReadOnlyKeyValueStore<String, DyadWarmth> warmth(KafkaStreams streams) {
    return streams.store(StoreQueryParameters.fromNameAndType(
        ScoringTopology.DYAD_WARMTH_STORE, QueryableStoreTypes.<String, DyadWarmth>keyValueStore()));
  }

  /** The dyads' events and signals with their details (the warmth state keeps only what ranks its drivers). */
  static HistoryEntries history(KafkaStreams streams) {
    ReadOnlyKeyValueStore<String, DedupedEvent> identities = streams.store(StoreQueryParameters.fromNameAndType(
        ScoringTopology.EVENT_IDENTITY_STORE, QueryableStoreTypes.<String, DedupedEvent>keyValueStore()));
    ReadOnlyKeyValueStore<String, Contribution> signals = streams.store(StoreQueryParameters.fromNameAndType(
        ScoringTopology.DYAD_HISTORY_STORE, QueryableStoreTypes.<String, Contribution>keyValueStore()));
    return new HistoryEntries(identities, signals);
  }
}
