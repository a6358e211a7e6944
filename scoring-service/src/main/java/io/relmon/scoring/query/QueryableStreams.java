package io.relmon.scoring.query;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The Streams instance the query routes ask, while it can answer. Before it exists (the HTTP
 * server starts first: ScoringApp) and from its shutdown or failure on, KafkaStreams refuses store
 * and metadata calls with IllegalStateException, which the HTTP guard answers with a 500; not
 * queryable now is what InvalidStateStoreException says, and the routes answer it with a 503 and
 * Retry-After, as for a store that is migrating.
 */
final class QueryableStreams {
  private QueryableStreams() {}

  static Supplier<KafkaStreams> of(Supplier<KafkaStreams> streams) {
    return () -> {
      KafkaStreams instance = streams.get();
      if (instance == null) {
        throw new InvalidStateStoreException("the scoring service is starting");
      }
      KafkaStreams.State state = instance.state();
      if (!state.isRunningOrRebalancing()) {
        throw new InvalidStateStoreException("the scoring service's streams are " + state);
      }
      return instance;
    };
  }
}
